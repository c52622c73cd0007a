// Payload mounts POST /verify/:token on every auth collection; ours do not verify e-mail (no such token column), so
// Payload's handler failed with a 500. Ours answers what is true: there is nothing to verify.
import type { Endpoint } from 'payload'

import { inUserLanguage } from '../i18n'

export const noEmailVerification: Endpoint = {
  path: '/verify/:token',
  method: 'post',
  handler: (req) =>
    Response.json(
      {
        errors: [
          {
            message: inUserLanguage(req, {
              en: 'Accounts here are not verified by e-mail',
              ru: 'Учётные записи здесь не подтверждаются по e-mail',
            }),
          },
        ],
      },
      { status: 404 },
    ),
}
