/**
 * English labels of the PRISMA 2020 flow diagram and its reports. Wording of
 * the boxes follows the PRISMA 2020 template (Page et al., BMJ 2021;372:n71)
 * and the PRISMA2020 R package. Every other catalogue must have exactly these
 * keys (the type below and test/prisma/i18n.test.ts enforce it); `{name}` is
 * a placeholder filled in at render time and must appear in every translation.
 */
export const en = {
  'lang.name': 'English',
  title: 'PRISMA 2020 flow diagram',
  caption: 'Identification of studies included in the review',

  'phase.identification': 'Identification',
  'phase.screening': 'Screening',
  'phase.included': 'Included',

  'head.previous': 'Previous studies',
  'head.databases': 'Identification of studies via databases and registers',
  'head.databases.update': 'Identification of new studies via databases and registers',
  'head.other': 'Identification of studies via other methods',
  'head.other.update': 'Identification of new studies via other methods',

  'box.identified_from': 'Records identified from*:',
  'box.identified_from.other': 'Records identified from:',
  'box.database_results': 'Databases',
  'box.register_results': 'Registers',
  'box.website_results': 'Websites',
  'box.organisation_results': 'Organisations',
  'box.citations_results': 'Citation searching',
  'box.removed_before_screening': 'Records removed before screening:',
  'box.duplicates': 'Duplicate records removed',
  'box.excluded_automatic': 'Records marked as ineligible by automation tools',
  'box.excluded_other': 'Records removed for other reasons',
  'box.records_screened': 'Records screened',
  'box.records_excluded': 'Records excluded**',
  'box.sought_reports': 'Reports sought for retrieval',
  'box.notretrieved_reports': 'Reports not retrieved',
  'box.assessed': 'Reports assessed for eligibility',
  'box.excluded_reports': 'Reports excluded',
  'box.studies_included': 'Studies included in review',
  'box.reports_included': 'Reports of included studies',
  'box.new_studies': 'New studies included in review',
  'box.new_reports': 'Reports of new included studies',
  'box.previous_studies': 'Studies included in previous version of review',
  'box.previous_reports': 'Reports of studies included in previous version of review',
  'box.total_studies': 'Total studies included in review',
  'box.total_reports': 'Reports of total included studies',

  'arm.dbr': 'databases and registers',
  'arm.other': 'other methods',
  count: '(n = {n})',
  'count.na': 'n/a',
  'source.not_stated': '(database not stated)',

  'reason.EX-SETTING': 'Setting',
  'reason.EX-PHENOMENON': 'Phenomenon of interest',
  'reason.EX-DESIGN': 'Design',
  'reason.EX-OUTCOME': 'Evaluation (outcome)',
  'reason.EX-DATE': 'Date',
  'reason.none': 'No reason recorded',

  'note.databases': '* Records identified from each database or register searched, as imported.',
  'note.automation': '** Excluded by reviewers. Records excluded by automation tools are counted under “Records removed before screening”.',
  'note.na': 'n/a: not derivable yet (the stage that counts it has not been run, or is not available yet).',
  'note.manual': '†: entered by hand, with who and when (review prisma manual list).',
  'note.source': 'Template: Page MJ, McKenzie JE, Bossuyt PM, et al. The PRISMA 2020 statement: an updated guideline for reporting systematic reviews. BMJ 2021;372:n71. doi:10.1136/bmj.n71',

  'stage.dedupe': 'de-duplication (review dedupe)',
  'stage.screening': 'title/abstract screening (review screen)',
  'stage.automation': 'automated eligibility checks (review criteria check)',
  'stage.fulltext': 'full-text retrieval and screening (review fulltext, review screen)',
  'stage.previous': 'the previous version’s included studies (review prisma manual add previous_studies …)',

  'table.counts': 'Counts',
  'table.box': 'Box',
  'table.description': 'Description',
  'table.n': 'n',
  'table.source': 'Source',
  'table.derived': 'derived: {from}',
  'table.manual': 'entered by hand (entries {entries})',
  'table.derived_manual': 'derived: {from}; plus entries {entries} entered by hand',
  'table.pending': 'n/a: awaiting {awaiting}',

  'checks.heading': 'Consistency checks',
  'checks.all_ok': 'Every arrow adds up.',
  'checks.failed': '{n} check(s) do not add up.',
  'checks.ok': 'adds up',
  'checks.fail': 'does not add up',
  'checks.skipped': 'not checked (n/a)',
  'checks.rule': 'Rule',
  'checks.status': 'Status',
  'checks.detail': 'Detail',

  'manual.heading': 'Entered by hand',
  'manual.none': 'No counts were entered by hand.',
  'manual.id': 'Entry',
  'manual.box': 'Box',
  'manual.n': 'n',
  'manual.database': 'Database',
  'manual.reason': 'Why',
  'manual.by': 'By',
  'manual.on': 'Date',

  'diagram.heading': 'Flow diagram',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
