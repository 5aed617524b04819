import { useMemo } from 'react';
import type { CatalogService } from '../../../common/catalog/schema';
import type { NoticeShown } from '../../../common/rpc/contract';
import { AboutScreen } from '../screens/technician/AboutScreen';
import { AppointmentScreen } from '../screens/citizen/AppointmentScreen';
import { AttractScreen } from '../screens/citizen/AttractScreen';
import { DocumentScreen } from '../screens/citizen/DocumentScreen';
import { FaceCaptureScreen } from '../screens/citizen/FaceCaptureScreen';
import { FaceConsentScreen } from '../screens/citizen/FaceConsentScreen';
import { FaceNoticeScreen } from '../screens/citizen/FaceNoticeScreen';
import { FormScreen } from '../screens/citizen/FormScreen';
import { GuideScreen } from '../screens/citizen/GuideScreen';
import { IdentityBanner } from '../screens/citizen/IdentityBanner';
import { RatingScreen } from '../screens/citizen/RatingScreen';
import { ResultsScreen } from '../screens/citizen/ResultsScreen';
import { ServiceMenuScreen } from '../screens/citizen/ServiceMenuScreen';
import { TicketScreen } from '../screens/citizen/TicketScreen';
import { SettingsScreen } from '../screens/staff/SettingsScreen';
import { StaffEntryScreen } from '../screens/staff/StaffEntryScreen';
import { TechnicianScreen } from '../screens/technician/TechnicianScreen';
import { ratedServiceCode, type FaceConsents, type JourneyEvent, type JourneyState } from './journey';

/** Each screen's way on, as journey events; made once, so a screen's effects never restart for a new callback. */
function handlersOf(go: (event: JourneyEvent) => void) {
  const send = (event: JourneyEvent) => () => go(event);
  return {
    start: send({ type: 'start-touched' }),
    openAbout: send({ type: 'about-opened' }),
    closeAbout: send({ type: 'about-closed' }),
    chooseFace: send({ type: 'face-chosen' }),
    readNotice: (notice: NoticeShown) => go({ type: 'notice-read', notice }),
    cardInstead: send({ type: 'card-instead' }),
    offerBind: (sharingOffered: boolean) => go({ type: 'bind-offered', sharingOffered }),
    declineConsent: send({ type: 'consent-declined' }),
    giveConsent: (consents: FaceConsents) => go({ type: 'consent-given', consents }),
    faceDone: send({ type: 'face-done' }),
    abandonFace: send({ type: 'face-abandoned' }),
    noticeChanged: send({ type: 'notice-changed' }),
    home: send({ type: 'home' }),
    chooseService: (service: CatalogService) => go({ type: 'service-chosen', service }),
    appointmentByCard: send({ type: 'appointment-by-card' }),
    openGuide: (service: CatalogService) => go({ type: 'guide-opened', service }),
    closeGuide: send({ type: 'guide-closed' }),
    serviceDone: send({ type: 'service-done' }),
    leaveForm: send({ type: 'form-left' }),
    appointmentBusy: (busy: boolean) => go({ type: 'appointment-busy', busy }),
    leaveAppointment: send({ type: 'appointment-left' }),
    checkedIn: (serviceCode: string) => go({ type: 'appointment-checked-in', serviceCode }),
    ratingDone: send({ type: 'rating-done' }),
    cancelStaff: send({ type: 'staff-cancelled' }),
    enterStaff: (token: string) => go({ type: 'staff-entered', token }),
    openTechnician: send({ type: 'technician-opened' }),
    closeTechnician: send({ type: 'technician-closed' }),
    leaveStaff: send({ type: 'staff-left' }),
  };
}

/** The screen the journey is on, wired to send the journey's events. */
export function JourneyScreen({ journey, go }: { journey: JourneyState; go: (event: JourneyEvent) => void }) {
  const on = useMemo(() => handlersOf(go), [go]);
  const { screen, service, appointment, staffToken } = journey;
  switch (screen) {
    case 'attract':
      return <AttractScreen onStart={on.start} onAbout={on.openAbout} onFace={on.chooseFace} />;
    case 'about':
      return <AboutScreen onBack={on.closeAbout} />;
    case 'face-notice':
      return <FaceNoticeScreen onContinue={on.readNotice} onUseCard={on.cardInstead} />;
    case 'face-consent':
      return <FaceConsentScreen sharingOffered={journey.sharingOffered} onDecline={on.declineConsent} onAgree={on.giveConsent} />;
    case 'face-capture':
      return <FaceCaptureScreen mode={journey.faceMode} onDone={on.faceDone} onIdCard={on.abandonFace} onNoticeChanged={on.noticeChanged} />;
    case 'menu':
      return (
        <>
          <IdentityBanner identity={journey.identity} onBindFace={on.offerBind} />
          <ServiceMenuScreen
            identified={journey.identity !== null}
            onHome={on.home}
            onAppointment={on.appointmentByCard}
            onService={on.chooseService}
            onGuide={on.openGuide}
          />
        </>
      );
    case 'guide':
      return service && <GuideScreen service={service} onBack={on.closeGuide} onStart={() => on.chooseService(service)} />;
    case 'ticket':
      return service && <TicketScreen service={service} onDone={on.serviceDone} />;
    case 'form':
      return service && <FormScreen service={service} onDone={on.serviceDone} onBack={on.leaveForm} />;
    case 'results':
      return <ResultsScreen onDone={on.serviceDone} />;
    case 'document':
      return service && <DocumentScreen service={service} onDone={on.serviceDone} />;
    case 'appointment':
      return (
        appointment && (
          <AppointmentScreen key={appointment.nonce} code={appointment.code} onBusy={on.appointmentBusy} onBack={on.leaveAppointment} onDone={on.checkedIn} />
        )
      );
    case 'rating':
      return <RatingScreen serviceCode={ratedServiceCode(journey)} onDone={on.ratingDone} />;
    case 'staff-entry':
      return <StaffEntryScreen onCancel={on.cancelStaff} onEnter={on.enterStaff} />;
    case 'settings':
      return staffToken && <SettingsScreen token={staffToken} onExit={on.leaveStaff} onTechnician={on.openTechnician} />;
    case 'technician':
      return staffToken && <TechnicianScreen token={staffToken} onBack={on.closeTechnician} />;
  }
}
