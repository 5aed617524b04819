import type { RouteTable } from '../rpc/route-table';
import type { AppointmentService } from './appointment-service';

export function appointmentRoutes(service: AppointmentService): RouteTable<'appointment.find' | 'appointment.checkIn'> {
  return {
    'appointment.find': (input) => service.find(input),
    'appointment.checkIn': (input) => service.checkIn(input),
  };
}
