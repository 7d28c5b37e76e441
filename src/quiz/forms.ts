/** The forms of this feature (filled in as its pages move to actions). */
export const quizForms = {};
