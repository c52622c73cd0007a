// Reading a custom endpoint's JSON body, for the endpoints and the plugins alike.
import { addDataAndFileToRequest, type PayloadRequest } from 'payload'

/** The JSON body of a custom endpoint's request, or an empty object. */
export async function jsonBody(req: PayloadRequest): Promise<Record<string, unknown>> {
  await addDataAndFileToRequest(req)
  const data = req.data
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {}
}
