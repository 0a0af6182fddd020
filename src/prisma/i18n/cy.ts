/**
 * Welsh labels (Cymraeg). Where the reference review's own Welsh text gives
 * a wording it is used: its Figure 1 caption "Nodi cyfeiriadau sydd wedi'u
 * cynnwys" (records are "cyfeiriadau"), "Sgriniwyd … o gyfeiriadau"
 * (screened), "papurau testun llawn" (full texts), "meini prawf cynhwysiant /
 * hepgor" (inclusion / exclusion criteria) and the criteria headings of its
 * Appendix A (Lleoliad, Ffenomen o Ddiddordeb, Dyluniad, Gwerthusiad,
 * Dyddiad). The rest follows the English PRISMA 2020 template.
 */
import type { Messages } from './en.js';

export const cy: Messages = {
  'lang.name': 'Cymraeg',
  title: 'Diagram llif PRISMA 2020',
  caption: "Nodi cyfeiriadau sydd wedi'u cynnwys",

  'phase.identification': 'Nodi',
  'phase.screening': 'Sgrinio',
  'phase.included': "Wedi'u cynnwys",

  'head.previous': 'Astudiaethau blaenorol',
  'head.databases': 'Nodi astudiaethau drwy gronfeydd data a chofrestrau',
  'head.databases.update': 'Nodi astudiaethau newydd drwy gronfeydd data a chofrestrau',
  'head.other': 'Nodi astudiaethau drwy ddulliau eraill',
  'head.other.update': 'Nodi astudiaethau newydd drwy ddulliau eraill',

  'box.identified_from': 'Cyfeiriadau a nodwyd o*:',
  'box.identified_from.other': 'Cyfeiriadau a nodwyd o:',
  'box.database_results': 'Cronfeydd data',
  'box.register_results': 'Cofrestrau',
  'box.website_results': 'Gwefannau',
  'box.organisation_results': 'Sefydliadau',
  'box.citations_results': 'Chwilio drwy gyfeiriadau',
  'box.removed_before_screening': 'Cyfeiriadau a dynnwyd cyn sgrinio:',
  'box.duplicates': 'Cyfeiriadau dyblyg a dynnwyd',
  'box.excluded_automatic': 'Cyfeiriadau a farciwyd yn anghymwys gan offer awtomeiddio',
  'box.excluded_other': 'Cyfeiriadau a dynnwyd am resymau eraill',
  'box.records_screened': 'Cyfeiriadau a sgriniwyd',
  'box.records_excluded': 'Cyfeiriadau a hepgorwyd**',
  'box.sought_reports': 'Adroddiadau y ceisiwyd eu hadalw',
  'box.notretrieved_reports': 'Adroddiadau nas adalwyd',
  'box.assessed': 'Adroddiadau testun llawn a aseswyd yn erbyn y meini prawf cynhwysiant',
  'box.excluded_reports': 'Adroddiadau a hepgorwyd',
  'box.studies_included': 'Astudiaethau a gynhwyswyd yn yr adolygiad',
  'box.reports_included': "Adroddiadau o'r astudiaethau a gynhwyswyd",
  'box.new_studies': 'Astudiaethau newydd a gynhwyswyd yn yr adolygiad',
  'box.new_reports': "Adroddiadau o'r astudiaethau newydd a gynhwyswyd",
  'box.previous_studies': 'Astudiaethau a gynhwyswyd yn fersiwn flaenorol yr adolygiad',
  'box.previous_reports': "Adroddiadau o'r astudiaethau a gynhwyswyd yn fersiwn flaenorol yr adolygiad",
  'box.total_studies': 'Cyfanswm yr astudiaethau a gynhwyswyd yn yr adolygiad',
  'box.total_reports': 'Adroddiadau o gyfanswm yr astudiaethau a gynhwyswyd',

  'arm.dbr': 'cronfeydd data a chofrestrau',
  'arm.other': 'dulliau eraill',
  count: '(n = {n})',
  'count.na': 'amh.',
  'source.not_stated': '(cronfa ddata heb ei nodi)',

  'reason.EX-SETTING': 'Lleoliad',
  'reason.EX-PHENOMENON': 'Ffenomen o ddiddordeb',
  'reason.EX-DESIGN': 'Dyluniad',
  'reason.EX-OUTCOME': 'Gwerthusiad (deilliant)',
  'reason.EX-DATE': 'Dyddiad',
  'reason.none': "Dim rheswm wedi'i gofnodi",

  'note.databases': "* Cyfeiriadau a nodwyd o bob cronfa ddata neu gofrestr a chwiliwyd, fel y'u mewnforiwyd.",
  'note.automation': "** Wedi'u hepgor gan adolygwyr. Mae cyfeiriadau a hepgorwyd gan offer awtomeiddio wedi'u cyfrif o dan “Cyfeiriadau a dynnwyd cyn sgrinio”.",
  'note.na': "amh.: ni ellir ei ddeillio eto (nid yw'r cam sy'n ei gyfrif wedi'i redeg, neu nid yw ar gael eto).",
  'note.manual': "†: wedi'i nodi â llaw, gyda phwy a phryd (review prisma manual list).",
  'note.source': 'Templed: Page MJ, McKenzie JE, Bossuyt PM, et al. The PRISMA 2020 statement: an updated guideline for reporting systematic reviews. BMJ 2021;372:n71. doi:10.1136/bmj.n71',

  'stage.dedupe': 'dad-ddyblygu (review dedupe)',
  'stage.screening': 'sgrinio teitlau/crynodebau (review screen)',
  'stage.automation': 'gwiriadau cymhwysedd awtomatig (review criteria check)',
  'stage.fulltext': 'adalw a sgrinio testun llawn (review fulltext, review screen)',
  'stage.previous': 'astudiaethau a gynhwyswyd yn y fersiwn flaenorol (review prisma manual add previous_studies …)',

  'table.counts': 'Niferoedd',
  'table.box': 'Blwch',
  'table.description': 'Disgrifiad',
  'table.n': 'n',
  'table.source': 'Ffynhonnell',
  'table.derived': "wedi'i ddeillio: {from}",
  'table.manual': "wedi'i nodi â llaw (cofnodion {entries})",
  'table.derived_manual': "wedi'i ddeillio: {from}; a chofnodion {entries} wedi'u nodi â llaw",
  'table.pending': 'amh.: yn aros am {awaiting}',

  'checks.heading': 'Gwiriadau cysondeb',
  'checks.all_ok': 'Mae pob saeth yn adio i fyny.',
  'checks.failed': 'Nid yw {n} gwiriad yn adio i fyny.',
  'checks.ok': 'yn adio i fyny',
  'checks.fail': "nid yw'n adio i fyny",
  'checks.skipped': 'heb ei wirio (amh.)',
  'checks.rule': 'Rheol',
  'checks.status': 'Statws',
  'checks.detail': 'Manylion',

  'manual.heading': "Wedi'u nodi â llaw",
  'manual.none': 'Ni nodwyd unrhyw niferoedd â llaw.',
  'manual.id': 'Cofnod',
  'manual.box': 'Blwch',
  'manual.n': 'n',
  'manual.database': 'Cronfa ddata',
  'manual.reason': 'Pam',
  'manual.by': 'Gan',
  'manual.on': 'Dyddiad',

  'diagram.heading': 'Diagram llif',
};
