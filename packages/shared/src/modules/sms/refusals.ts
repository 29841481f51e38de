import { defineRefusals } from '../../schema/refusals';

/** Why the SMS rules refuse a change: codes, and their texts in each language. */
export const smsRefusals = defineRefusals({
  'sms.new_not_queued': { en: 'A new message starts as queued', ro: 'Un mesaj nou pornește ca „în așteptare”.' },
  'sms.message_readonly': { en: 'A message cannot be changed once written', ro: 'Un mesaj nu se mai poate modifica după ce a fost scris.' },
  'sms.text_required': { en: 'The message must not be empty', ro: 'Mesajul nu poate fi gol.' },
  'sms.bad_phone': { en: 'The phone number {phone} is not a mobile number', ro: 'Numărul {phone} nu este un număr de mobil.' },
  'sms.sender_name': {
    en: 'The sender name has 3 to 11 letters, digits, spaces, dots or dashes',
    ro: 'Numele expeditorului are între 3 și 11 litere, cifre, spații, puncte sau cratime.',
  },
});
