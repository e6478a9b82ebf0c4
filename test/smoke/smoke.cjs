// Requires the built package by its own name through the CJS condition of its exports map.
const assert = require('node:assert/strict')
const leadkit = require('leadkit')
const records = require('leadkit/records')

assert.equal(typeof leadkit.LeadkitError, 'function')
assert.equal(records.LEAD_STATUS_REASON_CODES.canceled, 7)
console.log('smoke (CJS): leadkit loads by name with', Object.keys(leadkit).length, 'exports')
