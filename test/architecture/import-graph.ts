import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The import graph of a source tree, read with the TypeScript parser rather than a regular
 * expression, so that every form counts: `import`, `import type`, `export ... from`, dynamic
 * `import()` and `import('...').Type`. Paths are relative to the tree's root, with `/`.
 */
export interface ImportEdge {
  from: string;
  to: string;
  /** Erased at compile time: `import type`, or every name marked `type`. */
  typeOnly: boolean;
  /** `import()`: loaded when the code runs it, not with the importing file. */
  dynamic: boolean;
}

export interface SourceTree {
  files: string[];
  edges: ImportEdge[];
  /** File text by path, for rules that read the code itself. */
  texts: Map<string, string>;
}

export function readSourceTree(root: string): SourceTree {
  const files = listTs(root).map((path) => relative(root, path).split(sep).join('/')).sort();
  const known = new Set(files);
  const texts = new Map<string, string>();
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    texts.set(file, text);
    for (const { specifier, typeOnly, dynamic } of importsOf(file, text)) {
      const to = resolveSpecifier(root, file, specifier, known);
      if (to !== null) edges.push({ from: file, to, typeOnly, dynamic });
    }
  }
  return { files, edges, texts };
}

function listTs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTs(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** A relative specifier as a file of the tree (`./x.js` -> `x.ts`); null for packages and files outside it. */
function resolveSpecifier(root: string, from: string, specifier: string, known: Set<string>): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = relative(root, resolve(root, dirname(from), specifier)).split(sep).join('/');
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, `${base}/index.ts`];
  const found = candidates.find((c) => known.has(c));
  if (found) return found;
  // A relative import of a file that is not TypeScript source (package.json): not an arrow between layers.
  if (base.startsWith('..') || existsSync(resolve(root, base))) return null;
  throw new Error(`${from}: cannot resolve import '${specifier}'`);
}

function importsOf(file: string, text: string): { specifier: string; typeOnly: boolean; dynamic: boolean }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { specifier: string; typeOnly: boolean; dynamic: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: importIsTypeOnly(node.importClause), dynamic: false });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      const allTypes = clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly || allTypes, dynamic: false });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) found.push({ specifier: arg.text, typeOnly: false, dynamic: true });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true, dynamic: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `import type {...}`, or `import { type A, type B }` (TypeScript erases both); a bare `import 'x'` runs x. */
function importIsTypeOnly(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}
