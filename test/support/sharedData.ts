// The public data sets in ../shared/data (see its README), read as plain records. Tests that use them skip when the
// folder is absent (a fresh clone has none).
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'

export const SHARED_DATA = resolve(import.meta.dirname, '../../../shared/data')
export const hasSharedData = existsSync(resolve(SHARED_DATA, 'febrl/dataset1.csv'))

/** A CSV without quotes (FEBRL and the Splink sample have none) as rows of raw cells, the header first. */
export function readPlainCsv(path: string): string[][] {
  return readFileSync(resolve(SHARED_DATA, path), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','))
}

export interface FebrlRecord {
  readonly id: string
  readonly firstName?: string
  readonly lastName?: string
  readonly streetNumber?: string
  readonly street1?: string
  readonly street2?: string
  readonly city?: string
  readonly postalCode?: string
  readonly stateOrProvince?: string
  readonly dateOfBirth?: string
  readonly socSecId?: string
}

export const FEBRL_FIELDS = [
  'id', 'firstName', 'lastName', 'streetNumber', 'street1', 'street2', 'city', 'postalCode', 'stateOrProvince',
  'dateOfBirth', 'socSecId',
] as const

/** A FEBRL file as records: cells kept raw (with their leading space), empty cells absent. */
export function readFebrl(file: string): FebrlRecord[] {
  const [, ...rows] = readPlainCsv(`febrl/${file}`)
  return rows.map((cells) => {
    const record: Record<string, string> = {}
    FEBRL_FIELDS.forEach((field, i) => {
      const cell = cells[i]
      if (cell !== undefined && cell !== '') record[field] = field === 'id' ? cell.trim() : cell
    })
    return record as unknown as FebrlRecord
  })
}

export interface SplinkRecord {
  readonly id: string
  readonly firstName?: string
  readonly lastName?: string
  readonly dateOfBirth?: string
  readonly city?: string
  readonly email?: string
  readonly cluster: string
  readonly state: string
}

/** The Splink sample as leads; every seventh is qualified, so "exclude inactive matching records" is exercised. */
export function readSplink(): SplinkRecord[] {
  const [, ...rows] = readPlainCsv('splink/fake_1000.csv')
  return rows.map(([id, first, last, dob, city, email, cluster]) => {
    const record: Record<string, string> = { id: `s${id}`, cluster: cluster ?? '', state: Number(id) % 7 === 0 ? 'qualified' : 'open' }
    if (first) record.firstName = first
    if (last) record.lastName = last
    if (dob) record.dateOfBirth = dob
    if (city) record.city = city
    if (email) record.email = email
    return record as unknown as SplinkRecord
  })
}
