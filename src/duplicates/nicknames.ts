import { foldText } from './internal/foldText.js'
import { asLeadkitError, requireText } from '../internal/validate.js'

/**
 * Common English given names and their diminutives, written for leadkit: each line is a formal name, a colon, then
 * the short forms people use for it. A short form may belong to several names (Al → Albert, Alan, Alexander,
 * Alfred), and some formal names are short forms of others (Harry → Henry, Jack → John).
 */
const NICKNAME_TABLE = `
abigail: abby abbie gail
abraham: abe bram
adam: ade
adrian: ade
agnes: aggie nessa
albert: al bert bertie
alan: al
alexander: al alex alec lex sandy xander sasha
alexandra: alex alexa lexi sandra sandy sasha
alfred: al alf alfie fred freddie
alice: ali allie
allison: ali allie
amanda: mandy manda
andrea: andi
andrew: andy drew
angela: angie
anne: annie nan nancy
anthony: tony ant
antonio: tony
archibald: archie
arnold: arnie
arthur: art artie
augustus: gus
barbara: barb babs barbie
barnaby: barney
benedict: ben benny
benjamin: ben benny benji
bernard: bernie barney
beverly: bev
bradley: brad
brian: bri
bridget: bridie biddy
calvin: cal
cameron: cam
carol: carrie
caroline: carrie carly caro
catherine: cathy kate katie kathy cat kit
cecilia: cece cissy
charles: charlie chuck chas chaz chip
charlotte: charlie lottie lotte
christina: chris tina chrissy
christine: chris tina chrissy
christopher: chris kit topher
clarence: clare
clifford: cliff
constance: connie
cornelius: neil corny
cynthia: cindy
daniel: dan danny
david: dave davy
deborah: deb debbie debby
dennis: denny
diana: di
dominic: dom
donald: don donnie
dorothy: dot dottie dolly
douglas: doug
edward: ed eddie ned ted teddy
edmund: ed eddie ned
edwin: ed eddie
eleanor: ellie nell nora ella
elizabeth: liz lizzie beth betty betsy bess bessie eliza lisa libby elsie
emily: em emmy millie
emma: em emmy
eugene: gene
evelyn: evie
ezekiel: zeke
frances: fran fanny frankie
francis: frank frankie fran
frank: frankie
franklin: frank
frederick: fred freddie freddy rick
gabriel: gabe
gabrielle: gabby gaby elle
geoffrey: geoff jeff
gerald: gerry jerry
geraldine: gerry dina
gertrude: gertie trudy
gilbert: gil bert
gordon: gordie
gregory: greg
gwendolyn: gwen wendy
harold: harry hal
harriet: hattie
henry: harry hank hal
herbert: herb bert
howard: howie
isaac: ike
isabel: izzy bella belle isa
isabella: izzy bella belle
jacob: jake jack
jacqueline: jackie jacqui
james: jim jimmy jamie jem
jane: janie jenny
janet: jan
jeffrey: jeff
jennifer: jen jenny jenn
jeremiah: jerry
jeremy: jerry jem
jessica: jess jessie
joan: joanie
john: jack johnny jon
jonathan: jon jonny nathan
joseph: joe joey jo
josephine: jo josie
joshua: josh
judith: judy jude
julia: julie jules
julian: jules
katherine: kate katie kathy kat kay kit
kathleen: kathy kath
kenneth: ken kenny
kimberly: kim
lawrence: larry laurie
leonard: len lenny leo
leslie: les
lewis: lew lou
louis: lou louie
louise: lou lulu
lucille: lucy
luke: lucky
madeline: maddie madge
margaret: maggie meg peggy marge margie greta daisy molly
marjorie: marge margie
martha: marty mattie patty
martin: marty
mary: molly polly mae mamie
matilda: tilly mattie
matthew: matt matty
maximilian: max
maxwell: max
melissa: mel missy lissa
melvin: mel
michael: mike mikey mick mickey
michelle: shelly mich
mitchell: mitch
montgomery: monty
nathan: nate nat
nathaniel: nate nat nathan
nicholas: nick nicky nico
nicole: nikki nicky
norman: norm
oliver: ollie
olivia: liv livvy ollie
oscar: ozzie
patricia: pat patty trish tricia
patrick: pat paddy
peter: pete
philip: phil pip
phillip: phil
priscilla: cilla prissy
rebecca: becky becca
reginald: reg reggie
raymond: ray
randolph: randy
richard: rick ricky rich richie dick
robert: bob bobby rob robbie robby bert
roberta: bobbie robbie
rodney: rod
roger: rog
ronald: ron ronnie
rosalind: ros roz
rosemary: rose rosie
russell: russ
samantha: sam sammy
samuel: sam sammy
sandra: sandy
sarah: sally sadie
solomon: sol
sophia: sophie
stanley: stan
stephanie: steph stevie
stephen: steve stevie
steven: steve stevie
susan: sue susie suzy
sylvester: sly
terence: terry
theodore: ted teddy theo
theresa: terry tess tessa
thomas: tom tommy
timothy: tim timmy
tobias: toby
valerie: val
veronica: ronnie vera
victor: vic
victoria: vicky tori vic
vincent: vince vinny
virginia: ginny ginger
walter: walt wally
wesley: wes
wilfred: will fred
william: bill billy will willy liam
winifred: winnie freddie
zachary: zach zack
`

/**
 * A host-supplied nickname table: each entry is a formal name followed by its short forms.
 *
 * @example
 * const table: NicknameTable = [['robert', 'rab'], ['siobhan', 'shiv']]
 */
export type NicknameTable = readonly (readonly string[])[]

/**
 * Options of {@link canonicalGivenName}.
 *
 * @example
 * canonicalGivenName('Bob', { nicknames: [['robert', 'rab']], replaceBuiltInNicknames: true }) //=> ['bob']
 */
export interface NicknameOptions {
  /** Extra entries `[formal, ...shortForms]`, e.g. `[['robert', 'bob', 'rab']]`, added to the built-in table. */
  readonly nicknames?: NicknameTable
  /** Use only `nicknames`, not the built-in table. */
  readonly replaceBuiltInNicknames?: boolean
}

/** Folded given name → the sorted formal names it may stand for. */
export type Lookup = ReadonlyMap<string, readonly string[]>

function addEntry(map: Map<string, Set<string>>, formal: string, shortForms: readonly string[]): void {
  const key = foldText(formal).replaceAll(' ', '')
  if (key === '') return
  if (!map.has(key)) map.set(key, new Set([key]))
  else map.get(key)?.add(key)
  for (const form of shortForms) {
    const short = foldText(form).replaceAll(' ', '')
    if (short === '' || short === key) continue
    let groups = map.get(short)
    if (groups === undefined) {
      groups = new Set()
      map.set(short, groups)
    }
    groups.add(key)
  }
}

function freezeLookup(map: Map<string, Set<string>>): Lookup {
  const out = new Map<string, readonly string[]>()
  for (const [name, groups] of map) out.set(name, Object.freeze([...groups].sort()))
  return out
}

function buildBuiltIn(): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>()
  for (const line of NICKNAME_TABLE.split('\n')) {
    const colon = line.indexOf(':')
    if (colon === -1) continue
    addEntry(map, line.slice(0, colon), line.slice(colon + 1).trim().split(/\s+/))
  }
  return map
}

// The built-in table as a lookup, built on first use (not at import) and immutable from then on: every rule set
// that keeps the built-in table shares it, since it never changes.
let builtIn: Lookup | undefined

function builtInLookup(): Lookup {
  builtIn ??= freezeLookup(buildBuiltIn())
  return builtIn
}

/**
 * The nickname lookup for `options`: the built-in table, the host's entries added to it, or the host's alone
 * (internal). Building one from a host table parses it, so callers that compare many names build it once.
 */
export function nicknameLookup(options: NicknameOptions | undefined): Lookup {
  const table = options?.nicknames
  const replace = options?.replaceBuiltInNicknames === true
  if (table === undefined || table.length === 0) return replace ? EMPTY_LOOKUP : builtInLookup()
  const map = replace ? new Map<string, Set<string>>() : buildBuiltIn()
  for (const entry of table) {
    const [formal, ...shortForms] = entry
    if (formal !== undefined) addEntry(map, formal, shortForms)
  }
  return freezeLookup(map)
}

// The public functions' reading of the caller's options: a getter or proxy that throws, or a table entry that is not a
// list, leaves as a LeadkitError (issue 13).
function readLookup(options: NicknameOptions | undefined): Lookup {
  try {
    return nicknameLookup(options)
  } catch (error) {
    throw asLeadkitError(error, ['options'])
  }
}

/** The formal-name groups of a given name in `lookup` (see {@link canonicalGivenName}; internal). */
export function givenNameGroups(name: string, lookup: Lookup): readonly string[] {
  const key = foldText(name).replaceAll(' ', '')
  const groups = lookup.get(key)
  if (groups === undefined) return key === '' ? EMPTY : Object.freeze([key])
  return groups
}

/**
 * The formal names a given name may stand for, as a sorted group: a diminutive gives the names it shortens, a formal
 * name gives itself (plus the names it is also a short form of: Frank → francis, frank, franklin), and an unknown name
 * gives itself, folded. Two given names are nickname-equivalent when their groups share a name.
 *
 * With a host table in `options`, each call reads the table again: to compare many names, put the table in the
 * duplicate rules' options instead, where it is read once.
 *
 * @param name - a given name, in any case or accents
 * @example
 * canonicalGivenName('Bob') //=> ['robert']
 * canonicalGivenName('Al') //=> ['alan', 'albert', 'alexander', 'alfred']
 * canonicalGivenName('Xavier') //=> ['xavier']
 * canonicalGivenName('Rab', { nicknames: [['robert', 'rab']] }) //=> ['robert']
 */
export function canonicalGivenName(name: string, options?: NicknameOptions): readonly string[] {
  requireText(name, ['name'], 'canonicalGivenName')
  return givenNameGroups(name, readLookup(options))
}

const EMPTY: readonly string[] = Object.freeze([])
const EMPTY_LOOKUP: Lookup = new Map()

/**
 * Whether two given names may be the same person's by the nickname table (Bob ~ Robert, Bill ~ Will, Liz ~ Beth).
 *
 * @example
 * isNicknameOf('Liz', 'Beth') //=> true
 * isNicknameOf('Bob', 'Bill') //=> false
 */
export function isNicknameOf(a: string, b: string, options?: NicknameOptions): boolean {
  requireText(a, ['a'], 'isNicknameOf')
  requireText(b, ['b'], 'isNicknameOf')
  const lookup = readLookup(options)
  const ga = givenNameGroups(a, lookup)
  const gb = givenNameGroups(b, lookup)
  for (const x of ga) if (gb.includes(x)) return true
  return false
}

/**
 * How many formal names the built-in nickname table knows (for documentation and tests).
 *
 * @example
 * builtInNicknameCount() >= 150 //=> true
 */
export function builtInNicknameCount(): number {
  let formal = 0
  for (const line of NICKNAME_TABLE.split('\n')) if (line.includes(':')) formal++
  return formal
}
