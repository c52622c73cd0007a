import {
  collectTransitionData,
  generateLabelPassword,
  LIFECYCLE_DATA_FIELDS,
  PUMP_STATUSES,
  TRANSITIONS,
  transitionsFrom,
  type PumpStatus,
  type TransitionDataContext,
} from '../../src/domain/lifecycle'
import { PROTECTED_PUMP_FIELDS } from '../../src/domain/pump'

const NOW = new Date('2026-11-28T10:00:00.000Z')
const context = (overrides: Partial<TransitionDataContext> = {}): TransitionDataContext => ({
  now: NOW,
  currentModel: 7,
  hasPassword: false,
  minPasswordLength: 6,
  generatePassword: () => 'GEN1-GEN2-GEN3',
  ...overrides,
})
const only = (from: PumpStatus, to: PumpStatus) => TRANSITIONS.find((t) => t.from === from && t.to === to)!

describe('the transition table', () => {
  it('moves a pump forward through the customer order, one status at a time', () => {
    const targets = (from: PumpStatus) => transitionsFrom(from).map((t) => t.to)
    expect(targets('created')).toEqual(['produced'])
    expect(targets('produced')).toEqual(['released'])
    expect(targets('released')).toEqual(['shipped', 'in_operation'])
    expect(targets('shipped')).toEqual(['in_operation'])
    expect(targets('in_operation')).toEqual(['in_service'])
    expect(targets('in_service')).toEqual(['in_operation', 'decommissioned'])
    expect(targets('decommissioned')).toEqual([])
  })

  it('never skips a status going forward, except "put into operation" for pumps without remote access', () => {
    for (const transition of TRANSITIONS) {
      const step = PUMP_STATUSES.indexOf(transition.to) - PUMP_STATUSES.indexOf(transition.from)
      if (transition.action === 'putIntoOperation') expect(transition.to).toBe('in_operation')
      else if (transition.from === 'in_service') expect([-1, 1]).toContain(step)
      else expect(step).toBe(1)
    }
  })

  it('labels every transition and field in Russian and English', () => {
    for (const transition of TRANSITIONS) {
      expect(transition.label.ru).toBeTruthy()
      expect(transition.label.en).toBeTruthy()
      for (const field of transition.fields) expect(field.label.ru && field.label.en).toBeTruthy()
    }
  })

  it('asks for what the customer listed', () => {
    const names = (from: PumpStatus, to: PumpStatus) => only(from, to).fields.map((f) => f.name)
    expect(names('created', 'produced')).toEqual(['model', 'productionDate', 'password'])
    expect(names('produced', 'released')).toEqual(['releaseDate'])
    expect(names('released', 'shipped')).toEqual(['shipmentDate', 'consignee', 'waybillNumber'])
    expect(names('shipped', 'in_operation')).toEqual(['commissioningDate'])
    expect(names('released', 'in_operation')).toEqual(['commissioningDate'])
    expect(names('in_operation', 'in_service')).toEqual(['serviceReason'])
    expect(names('in_service', 'decommissioned')).toEqual(['decommissioningDate', 'decommissioningReason'])
  })

  it('keeps the collected card fields out of plain edits', () => {
    expect(LIFECYCLE_DATA_FIELDS).toEqual([
      'productionDate',
      'releaseDate',
      'shipmentDate',
      'consignee',
      'waybillNumber',
      'commissioningDate',
      'serviceReason',
      'decommissioningDate',
      'decommissioningReason',
    ])
    for (const name of LIFECYCLE_DATA_FIELDS) expect(PROTECTED_PUMP_FIELDS).toContain(name)
  })
})

describe('collecting transition data', () => {
  it('fills in the defaults: dates now, the current model, a generated password', () => {
    expect(collectTransitionData(only('created', 'produced'), {}, context())).toEqual({
      ok: true,
      values: { model: 7, productionDate: NOW.toISOString(), password: 'GEN1-GEN2-GEN3' },
      generatedPassword: 'GEN1-GEN2-GEN3',
    })
  })

  it('keeps the password a pump already has when none is typed, and takes a typed one', () => {
    const produce = only('created', 'produced')
    expect(collectTransitionData(produce, {}, context({ hasPassword: true }))).toEqual({
      ok: true,
      values: { model: 7, productionDate: NOW.toISOString() },
      generatedPassword: undefined,
    })
    const typed = collectTransitionData(produce, { password: 'typed-secret' }, context())
    expect(typed).toMatchObject({ ok: true, values: { password: 'typed-secret' }, generatedPassword: undefined })
  })

  it('names every missing or wrong field at once', () => {
    const result = collectTransitionData(
      only('released', 'shipped'),
      { shipmentDate: 'yesterday', consignee: '  ', colour: 'red' },
      context(),
    )
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: 'colour', problem: 'unknown' },
        { field: 'shipmentDate', problem: 'date' },
        { field: 'consignee', problem: 'required' },
        { field: 'waybillNumber', problem: 'required' },
      ],
    })
  })

  it('takes ISO dates, refuses dates days ahead, trims text', () => {
    const ship = only('released', 'shipped')
    const data = { shipmentDate: '2026-11-27T08:30:00+03:00', consignee: ' ООО «Тепло» ', waybillNumber: 'ТТН-1' }
    expect(collectTransitionData(ship, data, context())).toEqual({
      ok: true,
      values: { shipmentDate: '2026-11-27T05:30:00.000Z', consignee: 'ООО «Тепло»', waybillNumber: 'ТТН-1' },
      generatedPassword: undefined,
    })
    expect(collectTransitionData(ship, { ...data, shipmentDate: '2026-12-05' }, context())).toEqual({
      ok: false,
      problems: [{ field: 'shipmentDate', problem: 'future' }],
    })
  })

  it('refuses a short pump password, a model that is not an ID, a model when there is none', () => {
    const produce = only('created', 'produced')
    expect(collectTransitionData(produce, { password: 'abc' }, context())).toEqual({
      ok: false,
      problems: [{ field: 'password', problem: 'tooShort' }],
    })
    expect(collectTransitionData(produce, { model: 'Aero' }, context())).toEqual({
      ok: false,
      problems: [{ field: 'model', problem: 'choice' }],
    })
    expect(collectTransitionData(produce, {}, context({ currentModel: null }))).toEqual({
      ok: false,
      problems: [{ field: 'model', problem: 'required' }],
    })
  })
})

describe('label passwords', () => {
  it('are three groups of four unambiguous characters', () => {
    let next = 0
    expect(generateLabelPassword((size) => next++ % size)).toBe('ABCD-EFGH-JKLM')
    expect(generateLabelPassword((size) => size - 1)).toBe('9999-9999-9999')
    expect(generateLabelPassword(() => 0)).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/)
  })
})
