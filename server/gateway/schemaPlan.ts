/**
 * What a JSON Schema says, statically, about the type of the value at each place of an answer: the
 * part of the schema that `x-streamfix-schema: coerce` may act on (schemaCoerce.ts). A place is reached
 * through `properties` / `additionalProperties`, `items` / `prefixItems` (and draft-07 tuple `items` /
 * `additionalItems`), and local `$ref`s (`#/$defs/…`). A schema that could say more than one thing about
 * a place — `allOf`, `anyOf`, `oneOf`, `not`, `if` / `then` / `else`, `contains`, `patternProperties`,
 * `dependentSchemas`, `unevaluated*`, `propertyNames`, a `$ref` beside other keywords, a remote `$ref` —
 * gives no plan (null) there and below: nothing is coerced where the schema does not decide alone.
 *
 *   const p = schemaPlan({ type: 'object', properties: { age: { type: 'integer' } } });
 *   p?.child('age')?.types // -> ['integer']
 */

/** One place of the schema. `types`: what `type` allows there (null: no `type`, anything goes). */
export interface PlanNode {
  readonly types: readonly string[] | null;
  /** The place of property `key` of an object here (null: nothing is coerced there). */
  child(key: string): PlanNode | null;
  /** The place of item `i` of an array here. */
  item(i: number): PlanNode | null;
}

type Schema = Record<string, unknown>;

/** Keywords that apply other schemas to this place or to its children in ways a path cannot follow. */
const UNDECIDED = ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'contains', 'dependentSchemas', 'unevaluatedProperties', 'unevaluatedItems', 'propertyNames', '$dynamicRef', '$recursiveRef'];
/** Keywords that may stand beside a `$ref` without applying a schema of their own. */
const ANNOTATIONS = new Set(['$ref', 'title', 'description', 'default', 'examples', '$comment', 'deprecated', 'readOnly', 'writeOnly', '$defs', 'definitions', '$schema']);
/** `$ref`s followed in a row at most (a cycle of references gives no plan). */
const MAX_REF_HOPS = 32;

function isSchemaObject(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Node implements PlanNode {
  readonly types: readonly string[] | null;
  constructor(
    private readonly s: Schema,
    private readonly plan: Plan,
  ) {
    const t = s.type;
    this.types = typeof t === 'string' ? [t] : Array.isArray(t) && t.every((x) => typeof x === 'string') ? (t as string[]) : null;
  }

  child(key: string): PlanNode | null {
    const props = this.s.properties;
    if (isSchemaObject(props) && Object.prototype.hasOwnProperty.call(props, key)) return this.plan.node(props[key]);
    return this.plan.node(this.s.additionalProperties);
  }

  item(i: number): PlanNode | null {
    const { prefixItems, items, additionalItems } = this.s;
    if (Array.isArray(prefixItems)) return i < prefixItems.length ? this.plan.node(prefixItems[i]) : this.plan.node(items);
    if (Array.isArray(items)) return i < items.length ? this.plan.node(items[i]) : this.plan.node(additionalItems);
    return this.plan.node(items);
  }
}

class Plan {
  private readonly nodes = new WeakMap<Schema, Node | null>();
  constructor(private readonly root: unknown) {}

  /** The place a (sub)schema describes; null when it gives no plan. */
  node(schema: unknown, hops = 0): Node | null {
    // absent, `true`, `false`: no type to coerce to
    if (!isSchemaObject(schema)) return null;
    const known = this.nodes.get(schema);
    if (known !== undefined) return known;
    let n: Node | null = null;
    // an $id below the root moves the base its references resolve against: not followed
    if (schema !== this.root && (schema.$id !== undefined || schema.id !== undefined)) n = null;
    else if (typeof schema.$ref === 'string') {
      // a $ref alone (with annotations) is the schema it points to; beside other keywords both apply
      if (Object.keys(schema).every((k) => ANNOTATIONS.has(k)) && hops < MAX_REF_HOPS) n = this.node(this.resolve(schema.$ref), hops + 1);
    } else if (decided(schema)) n = new Node(schema, this);
    this.nodes.set(schema, n);
    return n;
  }

  /** A local JSON pointer reference (`#`, `#/$defs/a`), or undefined. */
  private resolve(ref: string): unknown {
    if (ref === '#') return this.root;
    if (!ref.startsWith('#/')) return undefined;
    let at: unknown = this.root;
    for (const raw of ref.slice(2).split('/')) {
      const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (typeof at !== 'object' || at === null || !Object.prototype.hasOwnProperty.call(at, token)) return undefined;
      at = (at as Record<string, unknown>)[token];
    }
    return at;
  }
}

/** No keyword here applies a schema the path cannot follow. */
function decided(s: Schema): boolean {
  for (const k of UNDECIDED) if (s[k] !== undefined) return false;
  if (isSchemaObject(s.patternProperties) && Object.keys(s.patternProperties).length > 0) return false;
  // draft-07 `dependencies` with a schema (an array of names only requires them)
  if (isSchemaObject(s.dependencies) && Object.values(s.dependencies).some((d) => !Array.isArray(d))) return false;
  return true;
}

const plans = new WeakMap<object, PlanNode | null>();

/** The plan of a request's schema (cached by the schema object: a compiled validator keeps its own). */
export function schemaPlan(schema: unknown): PlanNode | null {
  if (!isSchemaObject(schema)) return null;
  let p = plans.get(schema);
  if (p === undefined) plans.set(schema, (p = new Plan(schema).node(schema)));
  return p;
}
