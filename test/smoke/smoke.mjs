// Imports the built package by its own name through the ESM condition of its exports map.
import assert from 'node:assert/strict'
import * as leadkit from 'leadkit'
import * as records from 'leadkit/records'

assert.equal(typeof leadkit.LeadkitError, 'function')
assert.equal(records.LEAD_STATUS_REASON_CODES.canceled, 7)
console.log('smoke (ESM): leadkit loads by name with', Object.keys(leadkit).length, 'exports')
