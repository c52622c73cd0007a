// What the server log keeps of an error: a failed query's reason and the start of its SQL, never the whole text
// with its parameters (which may hold e-mail addresses, hashes, phone numbers).
import { shortError } from '../../src/services/server-log'

describe('the server log of an error', () => {
  it('shortens a failed query to its reason and the start of the SQL, without the parameters', () => {
    const sql = `select "id", "email", "hash" from "users" where "users"."email" = $1 ${'and true '.repeat(40)}limit $2`
    const cause = Object.assign(new Error('relation "users" does not exist'), { code: '42P01' })
    const error = new Error(`Failed query: ${sql}\nparams: owner@example.com,1`, { cause })
    const logged = shortError(error) as { message: string; stack: string; code?: string }
    expect(logged.message).toContain('relation "users" does not exist')
    expect(logged.message).toContain('select "id", "email"')
    expect(logged.code).toBe('42P01')
    for (const text of [logged.message, logged.stack]) {
      expect(text).not.toContain('owner@example.com')
      expect(text).not.toContain('limit $2')
      expect(text.length).toBeLessThan(sql.length + 2000)
    }
    expect(logged.stack).toMatch(/\n\s+at /)
  })

  it('keeps any other error as it is, with its stack', () => {
    const logged = shortError(new TypeError('x is not a function')) as { type: string; message: string; stack: string }
    expect(logged).toMatchObject({ type: 'TypeError', message: 'x is not a function' })
    expect(logged.stack.startsWith('TypeError: x is not a function\n')).toBe(true)
  })
})
