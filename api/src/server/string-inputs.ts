import { Kind, getOperationAST, type ArgumentNode, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';
import { badUserInput } from '../errors/graphql-errors';

// PostgreSQL text and jsonb cannot hold U+0000 (unchecked, a driver error: a 500), and an
// unpaired surrogate is not text at all (validators throw on it; the driver would store U+FFFD).
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

interface VariableUse {
  fieldName: string;
  path: (string | number)[];
}

/**
 * Refuses an operation that sends a NUL character (or an unpaired surrogate) in any string
 * (argument literals and variables, nested objects and lists, object keys of JSON values), naming the input field,
 * before anything runs. One check at the boundary for every string argument of the schema.
 */
export function assertNoNulCharacters(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): void {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const uses = new Map<string, VariableUse>();
  const visited = new Set<string>();

  const checkArguments = (fieldName: string, args: readonly ArgumentNode[] | undefined) => {
    for (const arg of args ?? []) checkLiteral(fieldName, arg.value, [arg.name.value]);
  };
  const checkLiteral = (fieldName: string, value: ValueNode, path: (string | number)[]): void => {
    switch (value.kind) {
      case Kind.STRING:
        if (UNSTORABLE.test(value.value)) throw unstorableText(fieldName, path, value.value);
        return;
      case Kind.VARIABLE:
        if (!uses.has(value.name.value)) uses.set(value.name.value, { fieldName, path });
        return;
      case Kind.LIST:
        value.values.forEach((item, index) => checkLiteral(fieldName, item, [...path, index]));
        return;
      case Kind.OBJECT:
        for (const field of value.fields) checkLiteral(fieldName, field.value, [...path, field.name.value]);
        return;
      default:
        return;
    }
  };
  const walk = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        checkArguments(selection.name.value, selection.arguments);
        for (const directive of selection.directives ?? []) checkArguments(selection.name.value, directive.arguments);
        walk(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        walk(fragments.get(selection.name.value)?.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);

  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const found = findUnstorable(variables?.[name] ?? null);
    if (!found) continue;
    const use = uses.get(name);
    throw unstorableText(use?.fieldName ?? name, use ? [...use.path, ...found.path] : [`$${name}`, ...found.path], found.text);
  }
}

interface Visit {
  value: unknown;
  key?: string | number;
  parent?: Visit;
}

/** Where unstorable text sits inside a JSON value, walked without recursion or copied paths (a request body can nest deeply). */
function findUnstorable(root: unknown): { path: (string | number)[]; text: string } | null {
  const stack: Visit[] = [{ value: root }];
  const pathOf = (visit: Visit): (string | number)[] => {
    const path: (string | number)[] = [];
    for (let at: Visit | undefined = visit; at?.parent; at = at.parent) path.unshift(at.key!);
    return path;
  };
  while (stack.length) {
    const visit = stack.pop()!;
    const { value } = visit;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) return { path: pathOf(visit), text: value };
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, key: index, parent: visit }));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (UNSTORABLE.test(key)) return { path: [...pathOf(visit), key], text: key };
        stack.push({ value: item, key, parent: visit });
      }
    }
  }
  return null;
}

function unstorableText(fieldName: string, path: (string | number)[], text: string) {
  const field = path.map(String);
  const what = text.includes('\u0000') ? 'a NUL character (\\u0000)' : 'an unpaired UTF-16 surrogate';
  return badUserInput(`Invalid input: ${field.join('.')} (argument of ${fieldName}) contains ${what}, which is not allowed in text.`, {
    argumentName: field[0],
    fields: [field],
    http: { status: 400 },
  });
}
