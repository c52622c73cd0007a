// Linking a pump to the people around it by proving possession: a partner claims it in the portal, an owner
// registers it from the app. Both prove the pump with its serial and printed password; an owner whose phone already
// has an account also proves the phone (signed in, the account's password, or a one-time SMS code). Every attempt
// is recorded in `registrationAttempts`, which is also what the throttling counts. The steps live in
// src/services/registration/; this module is what the endpoints import.
export { RegistrationRefused } from './registration/refusals'
export { text, type Problem } from './registration/input'
export { claimPump, type ClaimRequest } from './registration/partner-claim'
export { consumePhoneCode, requestPhoneCode, type CodeRequest } from './registration/phone-codes'
export { type OwnerRegistrationRequest } from './registration/owner-input'
export { registerOwnerPump, type OwnerRegistration } from './registration/owner-registration'
export { leaveFeedback, type FeedbackRequest } from './registration/feedback'
