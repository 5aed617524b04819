import type { RouteTable } from '../rpc/route-table';
import type { FaceService } from './face-service';

type FaceMethod =
  'face.status' | 'face.notice' | 'face.start' | 'face.frame' | 'face.cancel' | 'face.unbind' | 'staff.face.deleteTemplates' | 'tech.camera.analyze';

/** 刷脸办事's RPC methods, with the staff and technician screens' face actions. */
export function faceRoutes(service: FaceService): RouteTable<FaceMethod> {
  return {
    'face.status': () => service.status(),
    'face.notice': () => service.notice(),
    'face.start': (input) => service.startCamera(input),
    'face.frame': (input) => service.submitFrame(input),
    'face.cancel': (input) => service.cancelCamera(input),
    'face.unbind': () => service.unbind(),
    'staff.face.deleteTemplates': (input) => service.deleteAllTemplates(input),
    'tech.camera.analyze': (input) => service.analyzeFrame(input),
  };
}
