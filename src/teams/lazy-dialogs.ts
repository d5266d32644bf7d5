/**
 * Defers loading `botbuilder-dialogs` until something actually uses it.
 *
 * Teams AI's `Application` requires it at load for its OAuth and SSO sign-in flows, which this bot does
 * not configure. With it come the Microsoft Recognizers Text suites (dates, numbers, choices in a dozen
 * languages): ~0.4 s and ~30 MB at every start, for code no turn runs.
 *
 * Imported for its side effect before Teams AI, this puts a stand-in for the package in Node's module
 * cache (`require.cache`, which Node documents as writable). Reading `Dialog` — the one name Teams AI
 * reads while loading, to subclass it — gives the real class from its own file. Anything else read,
 * listed or defined loads the real package, copies its exports onto the stand-in and then behaves
 * exactly like it, so a future Teams AI that uses dialogs at start only loses the saving.
 */
import Module from 'node:module';

const entry = require.resolve('botbuilder-dialogs');

function installStandIn(): void {
  if (require.cache[entry]) return;
  const target: Record<PropertyKey, unknown> = {};
  let loaded = false;
  const load = () => {
    if (loaded) return target;
    loaded = true;
    delete require.cache[entry];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the real package, on first use (decision 0006)
    const real = require(entry) as object;
    Object.defineProperties(target, Object.getOwnPropertyDescriptors(real));
    return target;
  };
  const standIn = new Proxy(target, {
    get: (_t, key, receiver) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the one class Teams AI reads while loading (decision 0006)
      if (!loaded && key === 'Dialog') return (require('botbuilder-dialogs/lib/dialog') as { Dialog: unknown }).Dialog;
      return Reflect.get(load(), key, receiver);
    },
    has: (_t, key) => Reflect.has(load(), key),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_t, key) => Reflect.getOwnPropertyDescriptor(load(), key),
    defineProperty: (_t, key, descriptor) => Reflect.defineProperty(load(), key, descriptor),
    deleteProperty: (_t, key) => Reflect.deleteProperty(load(), key),
    set: (_t, key, value, receiver) => Reflect.set(load(), key, value, receiver),
  });
  const cached = new Module(entry);
  cached.filename = entry;
  cached.loaded = true;
  cached.exports = standIn;
  require.cache[entry] = cached;
}

installStandIn();
