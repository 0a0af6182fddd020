/** Text renderings for the `review query` commands (trees, documents) and their JSON forms. */
import { stripSpans, type Node } from './ast.js';
import { DIALECT_LABEL } from './syntax.js';
import type { QueryDocument } from './protocol.js';
import { documentFindings } from './protocol.js';

/** An indented outline of a tree, one node per line. */
export function formatTree(node: Node, indent = ''): string {
  const next = `${indent}  `;
  switch (node.kind) {
    case 'term': {
      const words = node.words.join(' ');
      if (node.quote === 'quoted') return `${indent}"${words}"`;
      if (node.quote === 'exact') return `${indent}{${words}}  (exact phrase)`;
      if (node.words.length === 1) return `${indent}${words}`;
      const i = node.implicit;
      const how = !i || i.op === 'phrase' ? 'a phrase' : i.op === 'and' ? 'AND of the words' : `within ${i.distance} words${i.ordered ? ', in order' : ''}`;
      return `${indent}${words}  (unquoted: read as ${how})`;
    }
    case 'heading':
      return `${indent}HEADING ${node.explode ? 'exploded ' : ''}${node.major ? 'major ' : ''}"${node.text}"${node.subheading ? ` /${node.subheading}` : ''}${node.vocabulary !== 'mesh' ? ` (${node.vocabulary})` : ''}`;
    case 'and':
    case 'or':
      return [`${indent}${node.kind.toUpperCase()}${node.implicit ? ' (implicit)' : ''}`, ...node.children.map((c) => formatTree(c, next))].join('\n');
    case 'not':
      return [`${indent}NOT`, formatTree(node.left, next), formatTree(node.right, next)].join('\n');
    case 'near':
      return [`${indent}NEAR ≤${node.distance} between, ${node.ordered ? 'in order' : 'any order'}${node.written ? ` (${node.written})` : ''}`, formatTree(node.left, next), formatTree(node.right, next)].join('\n');
    case 'fields':
      return [`${indent}IN ${node.fields.join(' + ')} (${node.code})`, formatTree(node.child, next)].join('\n');
    case 'ref':
      return `${indent}REF ${node.label}`;
    case 'filter':
      return [`${indent}LIMIT ${node.text}`, ...(node.child ? [formatTree(node.child, next)] : [])].join('\n');
  }
}

export function describeDocument(doc: QueryDocument): string {
  const from = { option: 'from --dialect', heading: `from the heading "${doc.heading}"`, filename: 'from the file name', content: 'from the operators used', default: 'by default' }[doc.dialectFrom];
  const what = doc.kind === 'protocol' ? `protocol of ${doc.blocks.length} blocks` : doc.kind === 'strategy' ? `strategy of ${doc.blocks.length} lines` : 'single query';
  return `${doc.file}: ${DIALECT_LABEL[doc.dialect.name]} (${from}), ${what}`;
}

export function documentJson(doc: QueryDocument): Record<string, unknown> {
  return {
    file: doc.file,
    kind: doc.kind,
    dialect: doc.dialect.name,
    dialectFrom: doc.dialectFrom,
    heading: doc.heading ?? null,
    blocks: doc.blocks.map((b) => ({
      label: b.label,
      title: b.title ?? null,
      line: b.line,
      text: b.source.text.trim(),
      ast: b.ast ? stripSpans(b.ast) : null,
    })),
    combination: doc.combination ? { text: doc.combination.text, line: doc.combination.line, from: doc.combination.from, ast: doc.combination.ast ? stripSpans(doc.combination.ast) : null } : null,
    final: doc.final ?? null,
    findings: documentFindings(doc),
  };
}
