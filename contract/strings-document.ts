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
}

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
};

/** The page's words for a language tag (cy for Welsh), British English otherwise. */
export const documentStrings = (locale: string): DocumentStrings => (locale.startsWith('cy') ? documentCy : documentEn);
