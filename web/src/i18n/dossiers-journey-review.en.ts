import type { dossiersJourneyReviewVi } from './dossiers-journey-review.vi';

/** English dossier texts of the online filing's review step (see dossiers-journey-review.vi.ts). */
export const dossiersJourneyReviewEn: typeof dossiersJourneyReviewVi = {
  edit: 'Change',
  filledByFormReview: 'The online form (filled in above)',
  reviewTitle: 'Check before submitting',
  reviewApplicant: 'Applicant',
  reviewForm: 'Form',
  reviewFiles: 'Documents',
  reviewBlocked: 'The dossier is incomplete. Correct the items below, then submit.',
  declarationTitle: 'Declaration',
  declaration: 'By pressing “Submit the dossier”, I declare that the information and documents above are true, I am answerable before the law for what I have declared, and I undertake to comply with the applicable regulations.',
  submit: 'Submit the dossier',
  submitting: 'Submitting…',
  delivery: {
    title: 'How to receive the result',
    legend: 'How do you want to receive the result?',
    required: 'Choose how to receive the result.',
    methods: {
      ONLINE: 'Online (download the digitally signed copy)',
      COUNTER: 'In person at the one-stop office',
      POSTAL: 'By the public postal service',
    } as Record<string, string>,
    recipientName: 'Recipient\'s full name',
    phone: 'Recipient\'s phone number',
    address: 'Delivery address',
    recipientNameError: 'Enter the recipient\'s full name (at least 2 characters).',
    phoneError: 'The phone number has 10 or 11 digits and starts with 0.',
    addressError: 'Enter the delivery address (at least 5 characters).',
    addressHint: 'House number, street, ward/commune, province/city',
    postalFee: (fee: string) => `Delivery fee ${fee}, paid with the dossier's fees.`,
  },
};
