import type { SpokenSentences } from './spoken-sentences';
import { numberForTheEar } from './number-for-the-ear';

/** English. */
export const enSentences: SpokenSentences = {
  attract: 'Place your ID card, or touch the screen to start',
  chooseService: 'Please choose a service',
  confirmTicket: (serviceName) => `You chose ${serviceName}. To take a ticket for it, press Take a ticket`,
  ticketIssued: (number, printProblem) =>
    printProblem === null
      ? `Your number is ${numberForTheEar(number, 'en')}. Please take your ticket, and listen for your number`
      : `Your number is ${numberForTheEar(number, 'en')}. ${printProblem} Please note your number`,
  checkedIn: (number, printProblem) => `You are checked in. ${enSentences.ticketIssued(number, printProblem)}`,
  rateService: 'How was our service today? Please rate it',
  thanksForRating: 'Thank you for your rating',
  ratingNotRecorded: 'Your rating could not be saved. Thank you all the same',
  stillThere: (seconds) => `Are you still there? In ${seconds} seconds the kiosk goes back to the start and clears your details. Touch the screen to continue`,
};
