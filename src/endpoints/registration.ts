// REST for registration: the partner portal's claim (POST /api/pumps/register) and the mobile app's calls
// (POST /api/buyers/register-pump, /request-code, /feedback, /change-password, /change-phone). Documented in docs/mobile-api.md.
import type { Endpoint } from 'payload'

import { inUserLanguage } from '../i18n'
import { changeBuyerPassword, changeBuyerPhone } from '../services/account'
import { claimPump, leaveFeedback, registerOwnerPump, requestPhoneCode } from '../services/registration'
import { jsonBody } from './body'

export const pumpRegistrationEndpoints: Endpoint[] = [
  {
    path: '/register',
    method: 'post',
    handler: async (req) => {
      const { pump, outcome } = await claimPump(req, await jsonBody(req))
      const doc = await req.payload.findByID({
        collection: 'pumps',
        id: pump.id,
        depth: 0,
        overrideAccess: false,
        user: req.user,
        req,
      })
      return Response.json({
        message: inUserLanguage(
          req,
          outcome === 'claimed'
            ? { en: 'The pump is registered to your company', ru: 'Насос зарегистрирован за вашей компанией' }
            : {
                en: 'The pump is already registered to your company',
                ru: 'Насос уже зарегистрирован за вашей компанией',
              },
        ),
        outcome,
        doc,
      })
    },
  },
]

export const buyerAppEndpoints: Endpoint[] = [
  {
    path: '/register-pump',
    method: 'post',
    handler: async (req) => {
      const { buyer, pump, token, exp } = await registerOwnerPump(req, await jsonBody(req))
      return Response.json(
        {
          message: inUserLanguage(req, { en: 'The pump is registered to you', ru: 'Насос зарегистрирован на вас' }),
          token,
          exp,
          user: buyer,
          doc: pump,
        },
        { status: 201 },
      )
    },
  },
  {
    path: '/request-code',
    method: 'post',
    handler: async (req) => {
      const { expiresInSeconds } = await requestPhoneCode(req, await jsonBody(req))
      return Response.json(
        {
          message: inUserLanguage(req, {
            en: 'A code has been sent by SMS to this number',
            ru: 'Код отправлен в SMS на этот номер',
          }),
          expiresInSeconds,
        },
        { status: 202 },
      )
    },
  },
  {
    path: '/feedback',
    method: 'post',
    handler: async (req) => {
      const doc = await leaveFeedback(req, await jsonBody(req))
      return Response.json(
        {
          message: inUserLanguage(req, { en: 'Thank you: your message is sent', ru: 'Спасибо: сообщение отправлено' }),
          doc,
        },
        { status: 201 },
      )
    },
  },
  {
    path: '/change-password',
    method: 'post',
    handler: async (req) => {
      await changeBuyerPassword(req, await jsonBody(req))
      return Response.json({ message: inUserLanguage(req, { en: 'Your password is changed', ru: 'Пароль изменён' }) })
    },
  },
  {
    path: '/change-phone',
    method: 'post',
    handler: async (req) => {
      const buyer = await changeBuyerPhone(req, await jsonBody(req))
      const doc = await req.payload.findByID({
        collection: 'buyers',
        id: buyer.id,
        depth: 0,
        overrideAccess: false,
        user: req.user,
      })
      return Response.json({
        message: inUserLanguage(req, {
          en: 'Your phone is changed: sign in with the new number from now on',
          ru: 'Телефон изменён: теперь входите с новым номером',
        }),
        doc,
      })
    },
  },
]
