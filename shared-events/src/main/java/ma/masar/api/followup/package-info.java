/**
 * Follow-ups and referral tracking of a case (issue 17): a social worker schedules a follow-up (what, due date, who),
 * records it done or cancels it; a referral gets a response deadline and a recorded outcome. The commands are about a
 * beneficiary ({@link ma.masar.api.beneficiary.AboutBeneficiary}) and target the case aggregate, so the command bus
 * holds a social worker to her centres' cases as for every other fact. "Overdue" is never an event: it is read from
 * the due date and today.
 */
package ma.masar.api.followup;
