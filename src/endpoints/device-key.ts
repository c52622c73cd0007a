// POST /api/pumps/:id/device-key {"password"}: staff issue a modem a new device key (the old one stops working).
import type { Endpoint } from 'payload'

import { isStaff } from '../../access'
import { inUserLanguage, type Message } from '../i18n'
import { reissueDeviceKey } from '../services/device-keys'
import { jsonBody } from './body'

/** For pumps produced before keys existed, or a lost key; the key is in this answer only. */
export const deviceKeyEndpoint: Endpoint = {
  path: '/:id/device-key',
  method: 'post',
  handler: async (req) => {
    const refuse = (status: number, message: Message) =>
      Response.json({ errors: [{ message: inUserLanguage(req, message) }] }, { status })
    if (!isStaff(req.user)) {
      return refuse(403, { en: 'Only staff issue device keys', ru: 'Ключи модемов выдают только сотрудники' })
    }
    const { password } = await jsonBody(req)
    const id = Number(req.routeParams?.id)
    const key = await reissueDeviceKey(
      req,
      Number.isSafeInteger(id) ? id : null,
      typeof password === 'string' ? password : '',
    )
    if (key === null) return refuse(404, { en: 'No such pump', ru: 'Насос не найден' })
    return Response.json({ deviceKey: key })
  },
}
