import {
  GraphQLError,
  Kind,
  Lexer,
  Source,
  TokenKind,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  parse,
  SchemaMetaFieldDef,
  specifiedRules,
  validate,
  TypeMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import { MAX_PAGE_SIZE } from '../relay/connection';
import { ErrorCode } from '../errors/graphql-errors';
import { assertNoNulCharacters } from './string-inputs';

/** What one GraphQL document may ask for; over any of them it is refused before it runs. */
export interface DocumentLimits {
  /** Lexical tokens (GraphQL's own parser limit). */
  maxTokens: number;
  /** Nesting of fields; introspection (`__schema`, `__type`) is bounded by cost instead. */
  maxDepth: number;
  /** Aliased fields, `__typename` included, counted through fragments. */
  maxAliases: number;
  /** Worst-case items: each field costs 1 plus its page size times what each item asks for. */
  maxCost: number;
}

/** Brackets of any kind nested deeper than this: no useful document needs it, and parsers recurse on it. */
export const MAX_NESTING = 64;

export function documentLimits(config: { GRAPHQL_MAX_DEPTH: number; GRAPHQL_MAX_COST: number }): DocumentLimits {
  return { maxTokens: 5000, maxDepth: config.GRAPHQL_MAX_DEPTH, maxAliases: 20, maxCost: config.GRAPHQL_MAX_COST };
}

function refused(code: string, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });
}

/**
 * Parses a document within the token, nesting, depth and alias limits, before any validation
 * runs on it (validating an oversized document is itself the cost). Throws a GraphQLError with
 * GRAPHQL_PARSE_FAILED, TOO_MANY_TOKENS, QUERY_TOO_DEEP or TOO_MANY_ALIASES.
 */
export function parseWithinLimits(source: string, limits: DocumentLimits): DocumentNode {
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  let nesting = 0;
  let document: DocumentNode;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > limits.maxTokens) {
        throw refused(ErrorCode.TOO_MANY_TOKENS, `This document has more than ${limits.maxTokens} tokens, the most one request may send: split it or ask for fewer fields.`, {
          maximum: limits.maxTokens,
        });
      }
      if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.BRACKET_L || token.kind === TokenKind.PAREN_L) {
        if (++nesting > MAX_NESTING) {
          throw refused(ErrorCode.QUERY_TOO_DEEP, `This document nests brackets more than ${MAX_NESTING} levels deep.`, { maximum: MAX_NESTING });
        }
      } else if (token.kind === TokenKind.BRACE_R || token.kind === TokenKind.BRACKET_R || token.kind === TokenKind.PAREN_R) {
        nesting--;
      }
    }
    document = parse(source, { maxTokens: limits.maxTokens });
  } catch (error) {
    if (error instanceof GraphQLError && typeof error.extensions.code === 'string') throw error;
    const syntax = error instanceof GraphQLError ? error : null;
    throw new GraphQLError(syntax?.message ?? 'The document could not be parsed.', {
      source: syntax?.source,
      positions: syntax?.positions,
      extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED, http: { status: 400 } },
    });
  }
  assertShape(document, limits);
  return document;
}

interface Shape {
  depth: number;
  aliases: number;
}

/** Depth and aliases of every operation, fragments counted where they are spread (memoised, cycle-safe). */
function assertShape(document: DocumentNode, limits: DocumentLimits): void {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const measured = new Map<string, Shape>();
  const measuring = new Set<string>();

  const measure = (selectionSet: SelectionSetNode | undefined): Shape => {
    const shape: Shape = { depth: 0, aliases: 0 };
    for (const selection of selectionSet?.selections ?? []) {
      let inner: Shape;
      if (selection.kind === Kind.FIELD) {
        const introspection = selection.name.value === '__schema' || selection.name.value === '__type';
        inner = introspection ? { depth: 0, aliases: measure(selection.selectionSet).aliases } : measure(selection.selectionSet);
        if (!introspection) inner = { depth: inner.depth + 1, aliases: inner.aliases };
        if (selection.alias) inner.aliases += 1;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = measure(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Unknown and cyclic fragments are validation errors, reported after this.
        if (!fragment || measuring.has(name)) continue;
        if (!measured.has(name)) {
          measuring.add(name);
          measured.set(name, measure(fragment.selectionSet));
          measuring.delete(name);
        }
        inner = measured.get(name)!;
      }
      shape.depth = Math.max(shape.depth, inner.depth);
      shape.aliases += inner.aliases;
    }
    return shape;
  };

  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const { depth, aliases } = measure(definition.selectionSet);
    if (depth > limits.maxDepth) {
      throw refused(ErrorCode.QUERY_TOO_DEEP, `This operation nests fields ${depth} levels deep; at most ${limits.maxDepth} are allowed.`, { depth, maximum: limits.maxDepth });
    }
    if (aliases > limits.maxAliases) {
      throw refused(ErrorCode.TOO_MANY_ALIASES, `This operation uses ${aliases} aliases; at most ${limits.maxAliases} are allowed (\`__typename\` included).`, {
        aliases,
        maximum: limits.maxAliases,
      });
    }
  }
}

/**
 * Refuses a validated operation whose worst case is too large (QUERY_TOO_COMPLEX). Computed
 * with the operation's variables, so `first: $n` counts. Variables that do not fit are left
 * to execution, which refuses them as BAD_USER_INPUT before any resolver runs.
 */
export function assertCost(schema: GraphQLSchema, document: DocumentNode, rawVariables: Record<string, unknown> | null | undefined, operationName: string | null | undefined, limits: DocumentLimits): number {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return 0;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {}, { maxErrors: 1 });
  if (coerced.errors) return 0;
  const cost = operationCost(schema, document, operation, coerced.coerced);
  if (cost > limits.maxCost) {
    throw refused(ErrorCode.QUERY_TOO_COMPLEX, `This operation could return too much (complexity ${cost}, at most ${limits.maxCost}): ask for smaller pages or fewer nested lists.`, {
      complexity: cost,
      maximum: limits.maxCost,
    });
  }
  return cost;
}

const INTROSPECTION_LISTS = ['types', 'directives', 'fields', 'inputFields', 'enumValues', 'args', 'interfaces', 'possibleTypes'] as const;

/** How many items an introspection list holds on average in this schema, so nested introspection lists multiply. */
function introspectionSizes(schema: GraphQLSchema): Record<string, number> {
  const types = Object.values(schema.getTypeMap());
  const average = (counts: number[]) => Math.max(1, Math.ceil(counts.reduce((sum, count) => sum + count, 0) / Math.max(1, counts.length)));
  const fieldLists = types.flatMap((type) => ('getFields' in type ? [Object.values(type.getFields())] : []));
  return {
    types: types.length,
    directives: schema.getDirectives().length,
    fields: average(fieldLists.map((fields) => fields.length)),
    inputFields: average(fieldLists.map((fields) => fields.length)),
    enumValues: average(types.flatMap((type) => ('getValues' in type ? [type.getValues().length] : []))),
    args: average(fieldLists.flat().map((field) => ('args' in field ? field.args.length : 0))),
    interfaces: average(types.flatMap((type) => ('getInterfaces' in type ? [type.getInterfaces().length] : []))),
    possibleTypes: average(types.flatMap((type) => ('getTypes' in type ? [type.getTypes().length] : []))),
  };
}

const sizesBySchema = new WeakMap<GraphQLSchema, Record<string, number>>();

function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  if (!sizesBySchema.has(schema)) sizesBySchema.set(schema, introspectionSizes(schema));
  const sizes = sizesBySchema.get(schema)!;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  // A validated document has no fragment cycles; memoised, a fragment spread many times costs one walk.
  const fragmentCosts = new Map<string, number>();

  const fieldDefinition = (parent: GraphQLCompositeType, node: FieldNode): GraphQLField<unknown, unknown> | undefined => {
    if (node.name.value === '__schema' && parent === schema.getQueryType()) return SchemaMetaFieldDef;
    if (node.name.value === '__type' && parent === schema.getQueryType()) return TypeMetaFieldDef;
    return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
  };

  const multiplier = (definition: GraphQLField<unknown, unknown>, node: FieldNode, parent: GraphQLCompositeType): number => {
    if (parent.name.startsWith('__') || definition === SchemaMetaFieldDef) {
      return (INTROSPECTION_LISTS as readonly string[]).includes(node.name.value) && isListType(getNullableType(definition.type)) ? sizes[node.name.value] : 1;
    }
    if (!definition.args.some((arg) => arg.name === 'first' || arg.name === 'last')) return 1;
    try {
      const args = getArgumentValues(definition, node, variables);
      const size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : undefined;
      return size === undefined ? 1 : Math.max(0, size);
    } catch {
      return MAX_PAGE_SIZE;
    }
  };

  const selectionCost = (parent: GraphQLCompositeType, selectionSet: SelectionSetNode): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const definition = fieldDefinition(parent, selection);
        if (!definition) {
          cost += 1; // __typename
          continue;
        }
        const type = getNamedType(definition.type);
        if (!isCompositeType(type) || !selection.selectionSet) {
          // Introspection counts the objects it returns: its scalars come with them.
          cost += parent.name.startsWith('__') ? 0 : 1;
          continue;
        }
        cost += 1 + multiplier(definition, selection, parent) * selectionCost(type, selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) cost += selectionCost(type, selection.selectionSet);
      } else {
        const name = selection.name.value;
        if (!fragmentCosts.has(name)) {
          const fragment = fragments.get(name);
          const type = fragment && schema.getType(fragment.typeCondition.name.value);
          fragmentCosts.set(name, fragment && type && isCompositeType(type) ? selectionCost(type, fragment.selectionSet) : 0);
        }
        cost += fragmentCosts.get(name)!;
      }
    }
    return cost;
  };

  const root = schema.getRootType(operation.operation);
  return root ? selectionCost(root, operation.selectionSet) : 0;
}

// Operations whose checks passed and cannot change with variables (none declared), by document: their complexity.
const passedWithoutVariables = new WeakMap<DocumentNode, Map<string, number>>();

/**
 * Everything checked on an operation after validation and before it runs, on HTTP and
 * websockets alike: strings that cannot be stored, then the worst-case cost, which it returns
 * (the operation's complexity). An operation that declares no variables gives the same answer
 * every time, so its pass is remembered.
 */
export function checkOperation(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined, limits: DocumentLimits): number {
  const passed = passedWithoutVariables.get(document);
  const key = operationName ?? '';
  const known = passed?.get(key);
  if (known !== undefined) return known;
  assertNoNulCharacters(document, operationName, variables);
  const cost = assertCost(schema, document, variables, operationName, limits);
  const operation = getOperationAST(document, operationName ?? undefined);
  if (operation && !operation.variableDefinitions?.length) {
    if (passed) passed.set(key, cost);
    else passedWithoutVariables.set(document, new Map([[key, cost]]));
  }
  return cost;
}

// The complexity of each HTTP request's operation, once checked: the query budget charges it.
const complexities = new WeakMap<object, number>();

/** The complexity documentLimitsPlugin found for this request's operation (0 before, or when refused). */
export function complexityOf(request: object): number {
  return complexities.get(request) ?? 0;
}

/** A parsed document within the limits and valid against the schema, or `invalid`. */
export type CheckedDocument = { document: DocumentNode; invalid?: undefined } | { document?: undefined; invalid: true };

export interface DocumentCache {
  /**
   * The document of `source`, parsed within the limits and validated; a refusal throws as
   * parseWithinLimits does. Kept by text: what a document is and whether it passes depends on
   * its text alone (the limits and the schema are fixed for the process), never on the caller.
   */
  check(source: string): CheckedDocument;
  /** The validation errors of an `invalid` source, made afresh: they belong to one response. */
  validationErrors(source: string): readonly GraphQLError[];
}

export function createDocumentCache(schema: GraphQLSchema, limits: DocumentLimits, options: { maxEntries?: number; maxSourceBytes?: number } = {}): DocumentCache {
  const documents = new LRUCache<string, DocumentNode | 'invalid'>({
    max: options.maxEntries ?? 1000,
    // Bounded by what the sources weigh too: a document may be up to 256 KiB of text.
    maxSize: options.maxSourceBytes ?? 8 * 1024 * 1024,
    sizeCalculation: (_document, source) => Math.max(1, source.length),
  });
  return {
    check(source) {
      const known = documents.get(source);
      if (known === 'invalid') return { invalid: true };
      if (known) return { document: known };
      const document = parseWithinLimits(source, limits);
      const valid = validate(schema, document, specifiedRules).length === 0;
      documents.set(source, valid ? document : 'invalid');
      return valid ? { document } : { invalid: true };
    },
    validationErrors(source) {
      return validate(schema, parseWithinLimits(source, limits), specifiedRules);
    },
  };
}

// Stands in for a refused document, so Apollo neither parses nor validates what was refused.
const REFUSED_DOCUMENT = parse('{ __typename }');

/**
 * Applies the limits to HTTP operations. The source is checked before Apollo parses it; a
 * refused one is answered from didResolveOperation, the first hook whose errors become a
 * 400 response rather than a 500. A valid document is handed to Apollo from the cache, which
 * then neither parses nor validates it again; an invalid one is left to Apollo to report.
 */
export function documentLimitsPlugin(schema: GraphQLSchema, limits: DocumentLimits, documents: DocumentCache = createDocumentCache(schema, limits)): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let refusal: GraphQLError | undefined;
      return {
        async didResolveSource(requestContext) {
          try {
            const checked = documents.check(requestContext.source);
            // An invalid one is left to Apollo, which parses, validates and reports it as before.
            if (checked.document) (requestContext as { document?: DocumentNode }).document = checked.document;
          } catch (error) {
            refusal = error as GraphQLError;
            (requestContext as { document?: DocumentNode }).document = REFUSED_DOCUMENT;
          }
        },
        async didResolveOperation({ document, request }) {
          if (refusal) throw refusal;
          complexities.set(request, checkOperation(schema, document, request.operationName, request.variables, limits));
        },
      };
    },
  };
}
