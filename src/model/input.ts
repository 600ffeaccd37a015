/** The pipeline's vocabulary: raw Kubernetes objects with their origin, input problems, and what a source could read. */
import type { CollectionName } from './types.js';

export type { CollectionName } from './types.js';

/** A position in a source file, 1-based. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** One step of a field path: a mapping key or a sequence index. */
export type PathSegment = string | number;

/** Resolves a field path inside one object to its position in the source text. */
export interface FieldLocator {
  /** Position of the node at `path` (relative to the object), or undefined when the field is absent. */
  find(path: readonly PathSegment[]): Position | undefined;
}

/** Where an object was read from. */
export type Origin = FileOrigin | ClusterOrigin;

export interface FileOrigin {
  readonly kind: 'file';
  /** Path as given by the user, relative to the working directory when possible; `<stdin>` for stdin. */
  readonly file: string;
  /** 0-based index of the YAML document in the file. */
  readonly docIndex: number;
  /** Position of the object's first line. */
  readonly position: Position;
  readonly locator?: FieldLocator;
  /** Name of the cluster this object belongs to (snapshots and multi-cluster runs). */
  readonly cluster?: string;
}

export interface ClusterOrigin {
  readonly kind: 'cluster';
  /** Kubeconfig context (or snapshot cluster name) the object was listed from. */
  readonly cluster: string;
}

/** A Kubernetes object exactly as read, plus where it came from. Only `src/model` reads it. */
export interface RawObject {
  readonly apiVersion: string;
  readonly kind: string;
  /** The whole object as parsed (metadata, spec, status, data…). */
  readonly body: Readonly<Record<string, unknown>>;
  readonly origin: Origin;
}

/** An input that could not be read or parsed. Any input error makes the run exit 2. */
export interface InputError {
  /** File path, `<stdin>`, or a resource description for live sources. */
  readonly file: string;
  readonly line: number | null;
  readonly message: string;
}

/** Something skipped on purpose (e.g. a YAML document that is not a Kubernetes object). */
export interface InputNotice {
  readonly file: string;
  readonly line: number | null;
  readonly message: string;
}

/**
 * Whether a collection could be read: `present` (read, possibly empty), `absent` (not in the input or
 * API), `forbidden` (RBAC). `notServed` marks an absent collection whose API the server does not serve
 * (every version answered 404): nothing was refused or lost, so it is no coverage gap.
 */
export type Availability =
  | { readonly status: 'present' }
  | { readonly status: 'absent'; readonly reason: string; readonly notServed?: boolean }
  | { readonly status: 'forbidden'; readonly reason: string };

/** Everything one source run produced. */
export interface SourceResult {
  readonly objects: readonly RawObject[];
  readonly errors: readonly InputError[];
  readonly notices: readonly InputNotice[];
  /** Set by live and snapshot sources, which know what they tried to read. File sources leave it unset. */
  readonly availability?: Partial<Record<CollectionName, Availability>>;
}
