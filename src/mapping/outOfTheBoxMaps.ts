import { deepFreeze } from '../internal/immer.js'
import type { FieldMap, MappingTarget } from './types.js'

const ADDRESS_FIELDS = ['street1', 'street2', 'street3', 'city', 'stateOrProvince', 'postalCode', 'country'] as const

const oob = (source: string, target: string = source): FieldMap => ({ source, target, outOfTheBox: true })
const addressMaps = (): FieldMap[] => ADDRESS_FIELDS.map((field) => oob(`address.${field}`))

/**
 * The product's out-of-the-box field maps (Lead Qualification settings, "Field mappings to other entities").
 * Deep-frozen: they cannot be deleted or changed, as in the product since March 2024; to change what they produce,
 * use a `MappingOverride`.
 *
 * - opportunity: Topic → Topic, Contact → Contact, Account → Account
 * - account: Company → Account name, Website, Business Phone → Phone, Street 1–3, City, State/Province,
 *   ZIP/Postal Code, Country/Region → Address 1
 * - contact: First name, Last name, Job title, Business Phone → Phone, Mobile phone, Email, and the address
 *
 * @example
 * OUT_OF_THE_BOX_MAPS.account[0] //=> { source: 'companyName', target: 'name', outOfTheBox: true }
 * OUT_OF_THE_BOX_MAPS.opportunity.map((map) => map.target) //=> ['topic', 'contactId', 'accountId']
 */
export const OUT_OF_THE_BOX_MAPS: Readonly<Record<MappingTarget, readonly FieldMap[]>> = deepFreeze({
  opportunity: [oob('topic'), oob('existingContactId', 'contactId'), oob('existingAccountId', 'accountId')],
  account: [oob('companyName', 'name'), oob('website'), oob('businessPhone', 'phone'), ...addressMaps()],
  contact: [
    oob('firstName'),
    oob('lastName'),
    oob('jobTitle'),
    oob('businessPhone'),
    oob('mobilePhone'),
    oob('email'),
    ...addressMaps(),
  ],
})
