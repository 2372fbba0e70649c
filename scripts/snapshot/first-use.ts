import { startupSnapshot } from "node:v8";

/** A module as a stand-in sees it: a function (a class, Next's `next()`) or an object of exports. */
type Loaded = ((...args: unknown[]) => unknown) & Record<PropertyKey, unknown>;

/**
 * A module's stand-in inside a bundle (scripts/build-server.ts): the real module is loaded by `load` when
 * first used, not when the bundle loads. `keys` are its export names, read at build time, so an import of a
 * named export finds a getter. Used for what a start need not load (stemmers, the phone metadata) and, in the
 * server's start-up snapshot, for what cannot be part of one (native addons, node:http) or must be found
 * at run time (Next).
 */
export function loadedOnFirstUse(name: string, keys: string[], load: () => unknown): unknown {
  let loaded: Loaded | undefined;
  const real = (): Loaded => {
    if (loaded !== undefined) return loaded;
    if (startupSnapshot.isBuildingSnapshot()) {
      throw new Error(`${name} was used while the server's modules loaded for its start-up snapshot: use it in a function, once the server starts`);
    }
    loaded = load() as Loaded;
    return loaded;
  };
  const stand = function standIn() {};
  for (const key of keys) Object.defineProperty(stand, key, { get: () => real()[key], enumerable: true, configurable: true });
  return new Proxy(stand, {
    get: (_, key) => real()[key],
    set: (_, key, value) => Reflect.set(real(), key, value),
    has: (_, key) => key in real(),
    apply: (_, self, args) => Reflect.apply(real(), self, args),
    construct: (_, args) => Reflect.construct(real() as unknown as new (...a: unknown[]) => object, args),
  });
}
