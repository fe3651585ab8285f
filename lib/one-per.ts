/**
 * A lookup that creates one value per key object on first use and returns the same one after;
 * keys are held weakly, so a closed store or connection takes its value with it.
 */
export function onePer<K extends object, V>(create: (key: K) => V): (key: K) => V {
  const values = new WeakMap<K, V>();
  return (key) => {
    let value = values.get(key);
    if (value === undefined) {
      value = create(key);
      values.set(key, value);
    }
    return value;
  };
}
