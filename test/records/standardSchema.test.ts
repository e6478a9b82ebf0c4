/**
 * The intake parsers claim to be Standard Schema v1. Checked three ways: their types are assignable to the spec's
 * own `StandardSchemaV1` (from `@standard-schema/spec`), vitest's `expect.schemaMatching` (a consumer that takes any
 * Standard Schema) runs them, and a Hono app validates real JSON and form requests with `@hono/standard-validator`.
 */
import { sValidator } from '@hono/standard-validator'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { Hono } from 'hono'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  createIntakeSchema,
  createLead,
  parseAccountPatch,
  parseContactPatch,
  parseLeadPatch,
  parseNewAccount,
  parseNewContact,
  parseNewLead,
  updateLead,
} from '../../src/index.js'
import type { Lead, LeadPatch, NewLead } from '../../src/index.js'

const NOW = '2026-03-01T09:30:00Z'

describe('Standard Schema v1', () => {
  it('types: every intake parser and bound schema is a StandardSchemaV1 with the right output', () => {
    expectTypeOf(parseNewLead).toExtend<StandardSchemaV1<unknown, NewLead>>()
    expectTypeOf(parseLeadPatch).toExtend<StandardSchemaV1<unknown, LeadPatch>>()
    expectTypeOf(createIntakeSchema('lead', 'patch')).toExtend<StandardSchemaV1<unknown, LeadPatch>>()
    expectTypeOf<StandardSchemaV1.InferOutput<typeof parseNewLead>>().toEqualTypeOf<NewLead>()
    const schemas: StandardSchemaV1[] = [parseNewAccount, parseAccountPatch, parseNewContact, parseContactPatch]
    for (const schema of schemas) {
      expect(schema['~standard']).toMatchObject({ version: 1, vendor: 'leadkit' })
      expect(typeof schema['~standard'].validate).toBe('function')
    }
  })

  it('validate returns { value } or { issues } with paths, synchronously, and never throws', () => {
    expect(parseNewLead['~standard'].validate({ lastName: 'Lovelace', numberOfEmployees: '7' })).toEqual({
      value: { lastName: 'Lovelace', numberOfEmployees: 7 },
    })
    const failed = parseNewLead['~standard'].validate({ version: 2, email: 'x' })
    expect(failed.issues?.map((issue) => issue.path)).toEqual([['version'], ['email']])
    for (const value of [null, 1, 'x', [], () => 1, Symbol('s'), 10n]) {
      expect(parseNewLead['~standard'].validate(value).issues?.length).toBeGreaterThan(0)
    }
  })

  it("works in vitest's expect.schemaMatching, a consumer of any Standard Schema", () => {
    expect({ lastName: 'Lovelace', numberOfEmployees: '120' }).toEqual(expect.schemaMatching(parseNewLead))
    expect({ lastName: 'Lovelace', state: 'qualified' }).not.toEqual(expect.schemaMatching(parseNewLead))
    expect({ name: '' }).not.toEqual(expect.schemaMatching(parseNewAccount))
    const stripping = createIntakeSchema('lead', 'new', { unknownKeys: 'strip' })
    expect({ utm: 'x', lastName: 'L' }).toEqual(expect.schemaMatching(stripping))
  })

  describe('in a Hono app through @hono/standard-validator', () => {
    const app = new Hono()
      .post('/leads', sValidator('json', parseNewLead), (c) => {
        const lead: Lead = createLead(c.req.valid('json'), { now: NOW, id: 'lead-1', ownerId: 'user-7' })
        return c.json(lead, 201)
      })
      .post('/form', sValidator('form', parseNewLead), (c) => c.json(c.req.valid('form')))
      .patch('/leads/:id', sValidator('json', parseLeadPatch), (c) => {
        const stored = createLead({ lastName: 'Lovelace', jobTitle: 'CTO' }, { now: NOW, id: c.req.param('id') })
        return c.json(updateLead(stored, c.req.valid('json'), { now: '2026-03-02T10:00:00Z' }))
      })

    const json = (method: string, body: unknown) => ({
      method,
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    })

    it('creates a lead from a JSON body', async () => {
      const response = await app.request('/leads', json('POST', { firstName: 'Ada', lastName: 'Lovelace' }))
      expect(response.status).toBe(201)
      expect(await response.json()).toMatchObject({ id: 'lead-1', ownerId: 'user-7', state: 'open', version: 1 })
    })

    it('answers 400 with the issues for a body that sets system fields', async () => {
      const body = { lastName: 'L', ownerId: 'attacker', state: 'qualified' }
      const response = await app.request('/leads', json('POST', body))
      expect(response.status).toBe(400)
      const answer = (await response.json()) as { error: { path: string[] }[] }
      expect(answer.error.map((issue) => issue.path)).toEqual([['ownerId'], ['state']])
    })

    it('reads a urlencoded form post, whose values are all text', async () => {
      const fields = { lastName: 'Lovelace', numberOfEmployees: '120', decisionMaker: 'false', jobTitle: '' }
      const form = new URLSearchParams(fields)
      const response = await app.request('/form', { method: 'POST', body: form })
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ lastName: 'Lovelace', numberOfEmployees: 120, decisionMaker: false })
    })

    it('patches a lead', async () => {
      const response = await app.request('/leads/lead-9', json('PATCH', { jobTitle: '', firstName: 'Ada' }))
      expect(response.status).toBe(200)
      const lead = (await response.json()) as Lead
      expect(lead).toMatchObject({ id: 'lead-9', firstName: 'Ada', version: 2 })
      expect(lead.jobTitle).toBeUndefined()
    })
  })
})
