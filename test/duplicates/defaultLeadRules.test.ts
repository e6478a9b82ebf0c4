import { describe, expect, it } from 'vitest'
import { DEFAULT_LEAD_DUPLICATE_RULES, DEFAULT_LEAD_RULE_NAMES, createDefaultLeadRules } from '../../src/duplicates/defaultLeadRules.js'
import { compareRecords } from '../../src/duplicates/compareRecords.js'
import { ruleMatchcodes } from '../../src/duplicates/ruleMatchcodes.js'
import type { FuzzyDuplicateRule, KeyedDuplicateRule } from '../../src/duplicates/types.js'

const byName = (rules: readonly { name: string }[], name: string) => rules.find((r) => r.name === name)
const keyed = (name: string, rules = DEFAULT_LEAD_DUPLICATE_RULES) => byName(rules, name) as KeyedDuplicateRule
const fuzzy = (name: string, rules = DEFAULT_LEAD_DUPLICATE_RULES) => byName(rules, name) as FuzzyDuplicateRule
let nextId = 0
const lead = (fields: Record<string, unknown>) => ({ id: `lead-${(nextId += 1)}`, state: 'open', ...fields })

describe('default lead rules', () => {
  it('are the product four, frozen', () => {
    expect(DEFAULT_LEAD_DUPLICATE_RULES.map((r) => [r.name, r.kind])).toEqual([
      [DEFAULT_LEAD_RULE_NAMES.sameEmail, 'keyed'],
      [DEFAULT_LEAD_RULE_NAMES.samePhone, 'keyed'],
      [DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany, 'fuzzy'],
      [DEFAULT_LEAD_RULE_NAMES.similarNameAndEmailDomain, 'fuzzy'],
    ])
    expect(Object.isFrozen(DEFAULT_LEAD_DUPLICATE_RULES)).toBe(true)
    expect(Object.isFrozen(DEFAULT_LEAD_DUPLICATE_RULES[0])).toBe(true)
    expect(DEFAULT_LEAD_DUPLICATE_RULES.every((r) => r.excludeInactiveMatchingRecords)).toBe(true)
  })

  describe('same email address', () => {
    const rule = keyed(DEFAULT_LEAD_RULE_NAMES.sameEmail)
    it('matches case and whitespace variants', () => {
      expect(ruleMatchcodes(rule, { email: ' Bob@Contoso.com' }, 'base')).toEqual(ruleMatchcodes(rule, { email: 'bob@contoso.COM ' }, 'matching'))
    })
    it('keeps different addresses and blanks apart', () => {
      expect(ruleMatchcodes(rule, { email: 'bob@contoso.com' }, 'base')).not.toEqual(ruleMatchcodes(rule, { email: 'rob@contoso.com' }, 'base'))
      expect(ruleMatchcodes(rule, { email: '' }, 'base')).toEqual([])
    })
    it('strips plus tags when configured', () => {
      const rules = createDefaultLeadRules({ email: { stripPlusTag: true } })
      expect(ruleMatchcodes(keyed(DEFAULT_LEAD_RULE_NAMES.sameEmail, rules), { email: 'bob+x@contoso.com' }, 'base')).toEqual(['bob@contoso.com'])
    })
  })

  describe('same phone number', () => {
    const rules = createDefaultLeadRules({ defaultRegion: 'US' })
    const rule = keyed(DEFAULT_LEAD_RULE_NAMES.samePhone, rules)
    it('compares business and mobile phones in E.164, any format', () => {
      const a = ruleMatchcodes(rule, { businessPhone: '(425) 555-0100' }, 'base')
      const b = ruleMatchcodes(rule, { mobilePhone: '+1 425.555.0100' }, 'matching')
      expect(a).toEqual(['+14255550100'])
      expect(b).toEqual(a)
    })
    it('does not match different numbers or unreadable ones', () => {
      expect(ruleMatchcodes(rule, { businessPhone: '(425) 555-0101' }, 'base')).toEqual(['+14255550101'])
      expect(ruleMatchcodes(rule, { businessPhone: 'n/a', mobilePhone: '' }, 'base')).toEqual([])
    })
    it('without a default region reads only international numbers', () => {
      const plain = keyed(DEFAULT_LEAD_RULE_NAMES.samePhone)
      expect(ruleMatchcodes(plain, { businessPhone: '(425) 555-0100', mobilePhone: '+44 20 7946 0958' }, 'base')).toEqual(['+442079460958'])
    })
  })

  describe('similar name and company', () => {
    const rule = fuzzy(DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany)
    it('matches Bob Smith at Contoso Ltd with Robert Smith at CONTOSO Limited', () => {
      const result = compareRecords(rule, 
        lead({ firstName: 'Bob', lastName: 'Smith', companyName: 'Contoso Ltd' }),
        lead({ firstName: 'Robert', lastName: 'Smith', companyName: 'CONTOSO Limited' }),
      )
      expect(result?.isMatch).toBe(true)
      expect(result?.comparisons.map((c) => [c.field, c.method])).toEqual([
        ['firstName', 'nickname'],
        ['lastName', 'exact'],
        ['companyName', 'exact'],
      ])
      expect(result?.score).toBeCloseTo((0.975 + 1) / 2, 5)
    })
    it('matches names that sound alike (Murphy ~ Merphy)', () => {
      const result = compareRecords(rule, 
        lead({ firstName: 'Sean', lastName: 'Murphy', companyName: 'Fabrikam' }),
        lead({ firstName: 'Sean', lastName: 'Merphy', companyName: 'Fabrikam Inc.' }),
      )
      expect(result?.isMatch).toBe(true)
      const phonetic = compareRecords(rule, 
        lead({ firstName: 'Catherine', lastName: 'Phillips', companyName: 'Fabrikam' }),
        lead({ firstName: 'Kathryn', lastName: 'Fillips', companyName: 'Fabrikam' }),
      )
      expect(phonetic?.isMatch).toBe(true)
      expect(phonetic?.comparisons.map((c) => c.method)).toEqual(['phonetic', 'phonetic', 'exact'])
    })
    it('does not match names that sound alike when phonetics are off', () => {
      const off = fuzzy(DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany, createDefaultLeadRules({ phoneticSimilarity: 0 }))
      const result = compareRecords(off, 
        lead({ firstName: 'Catherine', lastName: 'Phillips', companyName: 'Fabrikam' }),
        lead({ firstName: 'Kathryn', lastName: 'Fillips', companyName: 'Fabrikam' }),
      )
      expect(result?.isMatch).toBe(false)
    })
    it('matches typos', () => {
      const result = compareRecords(rule, 
        lead({ firstName: 'Jonathan', lastName: 'Richardson', companyName: 'Northwind Traders' }),
        lead({ firstName: 'Jonathon', lastName: 'Richadson', companyName: 'Northwind Trader' }),
      )
      expect(result?.isMatch).toBe(true)
    })
    it('matches swapped first and last names', () => {
      const result = compareRecords(rule, 
        lead({ firstName: 'Smith', lastName: 'John', companyName: 'Contoso' }),
        lead({ firstName: 'John', lastName: 'Smith', companyName: 'Contoso' }),
      )
      expect(result?.isMatch).toBe(true)
      expect(result?.comparisons[0]?.method).toBe('swapped')
      expect(result?.score).toBeLessThan(1)
    })
    it('does not match swapped names when switched off', () => {
      const off = fuzzy(DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany, createDefaultLeadRules({ matchSwappedNames: false }))
      const result = compareRecords(off, 
        lead({ firstName: 'Smith', lastName: 'John', companyName: 'Contoso' }),
        lead({ firstName: 'John', lastName: 'Smith', companyName: 'Contoso' }),
      )
      expect(result?.isMatch).toBe(false)
    })
    it('does not match a different person at the same company', () => {
      const result = compareRecords(rule, 
        lead({ firstName: 'Bob', lastName: 'Smith', companyName: 'Contoso' }),
        lead({ firstName: 'Alice', lastName: 'Jones', companyName: 'Contoso' }),
      )
      expect(result?.isMatch).toBe(false)
    })
    it('does not match the same name at another company', () => {
      const result = compareRecords(rule, 
        lead({ firstName: 'Bob', lastName: 'Smith', companyName: 'Contoso' }),
        lead({ firstName: 'Bob', lastName: 'Smith', companyName: 'Fabrikam' }),
      )
      expect(result?.isMatch).toBe(false)
    })
    it('does not treat a different given name with the same surname as similar', () => {
      const result = compareRecords(rule, 
        lead({ firstName: 'Bob', lastName: 'Smith', companyName: 'Contoso' }),
        lead({ firstName: 'Bill', lastName: 'Smith', companyName: 'Contoso' }),
      )
      expect(result?.isMatch).toBe(false)
    })
    it('cannot compare a pair with a blank company or surname', () => {
      expect(compareRecords(rule, lead({ firstName: 'Bob', lastName: 'Smith' }), lead({ firstName: 'Bob', lastName: 'Smith', companyName: 'X' }))).toBeUndefined()
      expect(compareRecords(rule, lead({ firstName: 'Bob', companyName: 'X' }), lead({ firstName: 'Bob', lastName: 'Smith', companyName: 'X' }))).toBeUndefined()
    })
    it('decides on the surname when a given name is missing, unless switched off', () => {
      const a = lead({ lastName: 'Smith', companyName: 'Contoso' })
      const b = lead({ firstName: 'Bob', lastName: 'Smith', companyName: 'Contoso Ltd' })
      expect(compareRecords(rule, a, b)?.isMatch).toBe(true)
      const strict = fuzzy(DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany, createDefaultLeadRules({ allowMissingGivenName: false }))
      expect(compareRecords(strict, a, b)).toBeUndefined()
    })
    it('uses a host nickname table', () => {
      const a = lead({ firstName: 'Rab', lastName: 'Burns', companyName: 'Contoso' })
      const b = lead({ firstName: 'Robert', lastName: 'Burns', companyName: 'Contoso' })
      expect(compareRecords(rule, a, b)?.isMatch).toBe(false)
      const custom = fuzzy(DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany, createDefaultLeadRules({ nicknames: [['robert', 'rab']] }))
      expect(compareRecords(custom, a, b)?.isMatch).toBe(true)
    })
    it('honours a stricter company threshold', () => {
      const strict = fuzzy(DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany, createDefaultLeadRules({ companyThreshold: 0.999 }))
      const a = lead({ firstName: 'Bob', lastName: 'Smith', companyName: 'Northwind Traders' })
      const b = lead({ firstName: 'Bob', lastName: 'Smith', companyName: 'Northwind Trader' })
      expect(compareRecords(rule, a, b)?.isMatch).toBe(true)
      expect(compareRecords(strict, a, b)?.isMatch).toBe(false)
    })
  })

  describe('similar name and same email domain', () => {
    const rule = fuzzy(DEFAULT_LEAD_RULE_NAMES.similarNameAndEmailDomain)
    it('matches similar names at the same company domain', () => {
      const result = compareRecords(rule, 
        lead({ firstName: 'Liz', lastName: 'Taylor', email: 'liz@contoso.com' }),
        lead({ firstName: 'Elizabeth', lastName: 'Taylor', email: 'etaylor@Contoso.com' }),
      )
      expect(result?.isMatch).toBe(true)
      expect(result?.comparisons.at(-1)).toEqual({ field: 'email', values: ['contoso.com', 'contoso.com'], method: 'domain', similarity: 1 })
    })
    it('never counts a free-mail domain as the same domain', () => {
      expect(
        compareRecords(rule, 
          lead({ firstName: 'Liz', lastName: 'Taylor', email: 'liz@gmail.com' }),
          lead({ firstName: 'Elizabeth', lastName: 'Taylor', email: 'etaylor@gmail.com' }),
        ),
      ).toBeUndefined()
      expect(
        compareRecords(rule, 
          lead({ firstName: 'Liz', lastName: 'Taylor', email: 'liz@hotmail.co.uk' }),
          lead({ firstName: 'Liz', lastName: 'Taylor', email: 'taylor@hotmail.co.uk' }),
        ),
      ).toBeUndefined()
    })
    it('does not match different domains or different names', () => {
      expect(
        compareRecords(rule, lead({ firstName: 'Liz', lastName: 'Taylor', email: 'liz@contoso.com' }), lead({ firstName: 'Liz', lastName: 'Taylor', email: 'liz@fabrikam.com' }))?.isMatch,
      ).toBe(false)
      expect(
        compareRecords(rule, lead({ firstName: 'Liz', lastName: 'Taylor', email: 'liz@contoso.com' }), lead({ firstName: 'Ann', lastName: 'Lee', email: 'ann@contoso.com' }))?.isMatch,
      ).toBe(false)
    })
  })
})

describe('namesakes at one company are told apart by their own work addresses', () => {
  const company = fuzzy(DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany)
  const domain = fuzzy(DEFAULT_LEAD_RULE_NAMES.similarNameAndEmailDomain)
  const at = (firstName: string, lastName: string, email: string) => lead({ firstName, lastName, email, companyName: 'MegaCorp' })
  it.each([
    ['a numbered namesake', at('John', 'Smith', 'john.smith@megacorp.com'), at('John', 'Smith', 'john.smith2@megacorp.com')],
    ['addresses that spell two different names', at('Laura', 'Parker', 'laura.parker@megacorp.com'), at('Lauren', 'Parker', 'lauren.parker@megacorp.com')],
    ['two surnames one letter apart', at('Jennifer', 'Hall', 'jennifer.hall@megacorp.com'), at('Jennifer', 'Hill', 'jennifer.hill@megacorp.com')],
  ])('%s: two people, under both name rules', (_, a, b) => {
    for (const rule of [company, domain]) {
      const result = compareRecords(rule, a, b)
      expect(result?.isMatch).toBe(false)
      expect(result?.comparisons.at(-1)).toMatchObject({ field: 'email', method: 'exact', similarity: 0 })
    }
  })
  it.each([
    ['a nickname and an initial address', at('Liz', 'Taylor', 'liz@megacorp.com'), at('Elizabeth', 'Taylor', 'etaylor@megacorp.com')],
    ['a nickname spelled in both addresses', at('Bob', 'Smith', 'bob.smith@megacorp.com'), at('Robert', 'Smith', 'robert.smith@megacorp.com')],
    ['a work and a personal address', at('Ann', 'Lee', 'ann.lee@megacorp.com'), at('Ann', 'Lee', 'ann.lee77@gmail.com')],
  ])('%s: still one person', (_, a, b) => {
    expect(compareRecords(company, a, b)?.isMatch).toBe(true)
  })
  it.each([
    ['a typo in one name, each with a mailbox of their own', at('John', 'Willaims', 'john.williams2@megacorp.com'), at('Joan', 'Williams', 'joan.williams@megacorp.com')],
    ['an address that does not spell its name', at('Karl', 'Baker', 'kb77@megacorp.com'), at('Carl', 'Baker', 'carl.baker@megacorp.com')],
  ])('%s: two mailboxes at one domain are two people', (_, a, b) => {
    for (const rule of [company, domain]) expect(compareRecords(rule, a, b)?.isMatch).toBe(false)
  })
  it('a role address belongs to a team and says nothing', () => {
    const a = at('Ann', 'Lee', 'info@megacorp.com')
    const b = at('Ann', 'Lee', 'ann.lee@megacorp.com')
    for (const rule of [company, domain]) expect(compareRecords(rule, a, b)?.isMatch).toBe(true)
  })
  it('can be switched off', () => {
    const off = fuzzy(DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany, createDefaultLeadRules({ separateByWorkEmail: false }))
    expect(compareRecords(off, at('Laura', 'Parker', 'laura.parker@megacorp.com'), at('Lauren', 'Parker', 'lauren.parker@megacorp.com'))?.isMatch).toBe(true)
    // Numbered namesakes are two people whatever the option says.
    expect(compareRecords(off, at('John', 'Smith', 'john.smith@megacorp.com'), at('John', 'Smith', 'john.smith2@megacorp.com'))?.isMatch).toBe(false)
  })
})

describe('default lead rule results', () => {
  it('are frozen and leave the records alone', () => {
    const rule = fuzzy(DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany)
    const a = lead({ firstName: 'Bob', lastName: 'Smith', companyName: 'Contoso' })
    const b = lead({ firstName: 'Robert', lastName: 'Smith', companyName: 'Contoso' })
    const result = compareRecords(rule, a, b)
    expect(Object.isFrozen(result)).toBe(true)
    expect(Object.isFrozen(result?.comparisons[0])).toBe(true)
    expect(Object.isFrozen(a)).toBe(false)
  })
})

describe('namesakes at one company are told apart by their own phone numbers', () => {
  const rules = createDefaultLeadRules({ defaultRegion: 'US' })
  const company = fuzzy(DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany, rules)
  const domain = fuzzy(DEFAULT_LEAD_RULE_NAMES.similarNameAndEmailDomain, rules)
  const at = (phones: { businessPhone?: string; mobilePhone?: string }, email = 'john.smith@megacorp.com') =>
    lead({ firstName: 'John', lastName: 'Smith', companyName: 'MegaCorp', email, ...phones })
  it('two different mobiles, or two different business phones, are two people under both name rules', () => {
    for (const field of ['mobilePhone', 'businessPhone'] as const) {
      // A personal address, and the company's website for the domain rule.
      const a = { ...at({ [field]: '+1 206 555 0100' }, 'jsmith@gmail.com'), website: 'https://megacorp.com' }
      const b = at({ [field]: '(206) 555-0199' })
      for (const rule of [company, domain]) {
        const result = compareRecords(rule, a, b)
        expect(result?.isMatch).toBe(false)
        expect(result?.comparisons.at(-1)).toMatchObject({ field, method: 'e164', similarity: 0 })
      }
    }
  })
  it('the same number in two formats, numbers in different fields, or one missing, say nothing', () => {
    const same = [at({ mobilePhone: '+1 206 555 0100' }), at({ mobilePhone: '(206) 555-0100' }, 'jsmith@gmail.com')]
    const crossed = [at({ mobilePhone: '+1 206 555 0100' }), at({ businessPhone: '+1 206 555 0199' }, 'jsmith@gmail.com')]
    const missing = [at({ mobilePhone: '+1 206 555 0100' }), at({}, 'jsmith@gmail.com')]
    for (const [a, b] of [same, crossed, missing]) expect(compareRecords(company, a as object, b as object)?.isMatch).toBe(true)
  })
  it('a national number without a region cannot be read, and says nothing', () => {
    const noRegion = fuzzy(DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany)
    expect(compareRecords(noRegion, at({ mobilePhone: '(206) 555-0100' }), at({ mobilePhone: '(206) 555-0199' }, 'j@gmail.com'))?.isMatch).toBe(true)
  })
  it('can be switched off', () => {
    const off = fuzzy(DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany, createDefaultLeadRules({ defaultRegion: 'US', separateByPhone: false }))
    expect(compareRecords(off, at({ mobilePhone: '+1 206 555 0100' }), at({ mobilePhone: '+1 206 555 0199' }, 'j@gmail.com'))?.isMatch).toBe(true)
  })
})
