// The words of a source document's plain page, in British English and Welsh (the Welsh machine-assisted, for review
// like the rest of the Welsh catalogue); kept apart from the widgets' catalogue, since no widget shows a document.

export interface DocumentStrings {
  /** Names the page's landmark: the document's words with their quoted passages marked. */
  textHeading: string;
  intro: string;
  passagesHeading: string;
  passagesIntro: string;
  /** The accessible name of the link from a marked passage to what it holds. */
  passageLink: (n: number) => string;
  backToText: string;
  records: string;
  links: string;
  inferred: (reason: string) => string;
  noPassages: string;
  /** The programme page's link to the words a programme or action was read from. */
  readInDocument: (title: string) => string;
  source: string;
  /** A kind of record (a GraphQL type name: StakeholderGroup) in words. */
  kindName: (typename: string) => string;
  /** A link's relationship (PARTNER_IN) as words between its two ends; `to` is the far end's name. */
  relationName: (type: string, to: string) => string;
}

/** A kind of record in English words: StakeholderGroup → Stakeholder group. */
const englishKind = (typename: string) =>
  typename.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').replace(/ [A-Z]/g, (c) => c.toLowerCase());

/** A relationship in English words: PARTNER_IN → partner in. */
const englishRelation = (type: string) => type.toLowerCase().replace(/_/g, ' ');

/** Welsh names of the kinds of record a passage holds. */
const WELSH_KINDS: Readonly<Record<string, string>> = {
  Action: 'Cam gweithredu',
  Area: 'Ardal',
  CommunicationActivity: 'Gweithgaredd cyfathrebu',
  EngagementLevel: 'Lefel ymgysylltu',
  Event: 'Digwyddiad',
  Finding: 'Canfyddiad',
  Location: 'Lleoliad',
  Organisation: 'Sefydliad',
  Person: 'Person',
  Programme: 'Rhaglen',
  Resource: 'Adnodd',
  Role: 'Rôl',
  Service: 'Gwasanaeth',
  StakeholderGroup: 'Grŵp rhanddeiliaid',
  Target: 'Targed',
  Topic: 'Pwnc',
  Workstream: 'Ffrwd waith',
};

/**
 * Welsh words for each relationship, read between its ends ("X yn bartner yn Y"). Chosen so that they agree with
 * any record: impersonal forms (a gyhoeddwyd gan, a ddarperir gan) rather than wedi'i…, whose form follows the
 * gender of the noun before it. The ends are names as the data has them, mostly English, so they are not mutated.
 */
const WELSH_RELATIONS: Readonly<Record<string, string | ((to: string) => string)>> = {
  PARTNER_IN: 'yn bartner yn',
  BASED_IN: 'a leolir yn',
  ORGANISATION_COVERS: 'yn gyfrifol am',
  ORGANISATION_PART_OF: 'yn rhan o',
  SUCCEEDED_BY: 'a olynwyd gan',
  AREA_PART_OF: 'yn rhan o',
  PROGRAMME_PART_OF: 'yn rhan o',
  PROGRAMME_COVERS: 'yn cwmpasu',
  SIGNPOSTS_TO: 'yn cyfeirio at',
  HAS_WORKSTREAM: 'yn cynnwys y ffrwd waith',
  HAS_ACTION: 'yn cynnwys y cam gweithredu',
  HAS_TARGET: 'yn anelu at y targed',
  // â becomes ag before a vowel.
  ENGAGES: (to) => (/^[aeiou]/i.test(to) ? 'yn ymgysylltu ag' : 'yn ymgysylltu â'),
  PLANS: 'yn cynllunio',
  LED_BY: 'dan arweiniad',
  HOLDS: 'yn dal y rôl',
  ROLE_IN: 'yn rôl yn',
  PUBLISHED_BY: 'a gyhoeddwyd gan',
  SUPPORTS: 'yn cefnogi',
  PROVIDED_BY: 'a ddarperir gan',
  AVAILABLE_IN: 'ar gael yn',
  AT: 'a leolir yn',
  ABOUT: 'ynghylch',
  NEEDS: 'yn gofyn am',
  FOR: 'ar gyfer',
  PRODUCED_BY: 'a gynhyrchir gan',
  DELIVERED_BY: 'a gyflwynir gan',
  ORGANISED: 'a drefnodd',
  TOOK_PART_IN: 'a gymerodd ran yn',
  EVENT_OF: 'yn ddigwyddiad yn',
  FINDING_OF: 'yn ganfyddiad yn',
  IN_AREA: 'yn gorwedd yn',
  DOCUMENTED_IN: 'a gofnodwyd yn',
};

export const documentEn: DocumentStrings = {
  textHeading: 'The document',
  intro:
    'The words the graph was read from. Each marked passage holds records or links; follow its number to see which.',
  passagesHeading: 'What each passage holds',
  passagesIntro: 'Passages in the order they appear in the document, each with the records and links read from it.',
  passageLink: (n) => `Passage ${n}: what it holds`,
  backToText: 'Back to the passage in the text',
  records: 'Records',
  links: 'Links',
  inferred: (reason) => `inferred: ${reason}`,
  noPassages: 'No passage of this document is quoted by the graph.',
  readInDocument: (title) => `Read it in its document: ${title}`,
  source: 'Source',
  kindName: englishKind,
  relationName: englishRelation,
};

export const documentCy: DocumentStrings = {
  textHeading: 'Y ddogfen',
  intro:
    'Y geiriau y darllenwyd y graff ohonynt. Mae pob darn wedi’i farcio yn dal cofnodion neu gysylltiadau; dilynwch ei rif i weld pa rai.',
  passagesHeading: 'Beth mae pob darn yn ei ddal',
  passagesIntro:
    'Darnau yn y drefn y maent yn ymddangos yn y ddogfen, pob un gyda’r cofnodion a’r cysylltiadau a ddarllenwyd ohono.',
  passageLink: (n) => `Darn ${n}: beth mae’n ei ddal`,
  backToText: 'Yn ôl at y darn yn y testun',
  records: 'Cofnodion',
  links: 'Cysylltiadau',
  inferred: (reason) => `wedi’i gasglu: ${reason}`,
  noPassages: 'Nid yw’r graff yn dyfynnu unrhyw ddarn o’r ddogfen hon.',
  readInDocument: (title) => `Darllenwch ef yn ei ddogfen: ${title}`,
  source: 'Ffynhonnell',
  // A kind or relationship added to the model before its Welsh is written here shows in English rather than not at all.
  kindName: (typename) => WELSH_KINDS[typename] ?? englishKind(typename),
  relationName: (type, to) => {
    const words = WELSH_RELATIONS[type];
    return typeof words === 'function' ? words(to) : (words ?? englishRelation(type));
  },
};

/** The page's words for a language tag (cy for Welsh), British English otherwise. */
export const documentStrings = (locale: string): DocumentStrings => (locale.startsWith('cy') ? documentCy : documentEn);
