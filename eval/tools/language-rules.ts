/**
 * Counts what issue 9 calls hand-written language rules in `src/`: regular-expression literals (and how many
 * alternatives they hold), and word lists (a string of five or more space-separated words that is split,
 * an array of five or more string literals, or an object literal with five or more string-valued entries).
 *
 *   npx tsx eval/tools/language-rules.ts [--by-file]
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

interface Counts {
  lines: number;
  regexes: number;
  alternatives: number;
  wordLists: number;
}

function count(file: string): Counts {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Counts = { lines: text.split('\n').length, regexes: 0, alternatives: 0, wordLists: 0 };
  const isString = (n: ts.Node): boolean => ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n);
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      out.regexes++;
      out.alternatives += (node.getText().match(/\|/g) ?? []).length + 1;
    } else if (
      isString(node) &&
      (node as ts.StringLiteral).text.trim().split(/\s+/).length >= 5 &&
      /\.split\(\s*['"` ]/.test(node.parent?.parent?.getText() ?? '')
    ) {
      out.wordLists++;
    } else if (ts.isArrayLiteralExpression(node) && node.elements.length >= 5 && node.elements.every(isString)) {
      out.wordLists++;
    } else if (
      ts.isObjectLiteralExpression(node) &&
      node.properties.length >= 5 &&
      node.properties.every(
        (p) =>
          ts.isPropertyAssignment(p) &&
          (isString(p.initializer) || (ts.isArrayLiteralExpression(p.initializer) && p.initializer.elements.every(isString))),
      )
    ) {
      out.wordLists++;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const all = files('src');
const total: Counts = { lines: 0, regexes: 0, alternatives: 0, wordLists: 0 };
const byFile = process.argv.includes('--by-file');
for (const f of all) {
  const c = count(f);
  for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += c[k];
  if (byFile && (c.regexes || c.wordLists))
    console.log(`${f}: ${c.lines} lines, ${c.regexes} regexes (${c.alternatives} alternatives), ${c.wordLists} word lists`);
}
console.log(
  `src: ${all.length} files, ${total.lines} lines, ${total.regexes} regex literals (${total.alternatives} alternatives), ${total.wordLists} word lists`,
);
