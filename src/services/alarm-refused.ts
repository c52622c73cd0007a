// The one error the alarm features answer with (4xx, in the caller's language): logged as info, not as a fault.
import { APIError, type PayloadRequest } from 'payload'

import type { Bilingual } from '../domain/messages'
import { inUserLanguage } from '../i18n'

export class AlarmRefused extends APIError {
  constructor(message: string, status: number) {
    super(message, status, null, true)
  }
}

export function refuseAlarm(req: Partial<PayloadRequest>, status: number, message: Bilingual): never {
  throw new AlarmRefused(inUserLanguage(req, message), status)
}
