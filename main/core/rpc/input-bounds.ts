import { types } from 'node:util';

/**
 * How big an RPC input may be, checked before zod walks it. Every real input fits with room to
 * spare (common/rpc/contract.ts): the largest by values is `form.submit` with 100 values and 4
 * signatures of 4000 points (each point an array of two numbers: about 49,000 values in all, 7
 * levels deep); the longest string is a `face.frame` JPEG (4,000,000 base64 characters).
 */
export const INPUT_LIMITS = {
  /** Levels of arrays and objects, the input itself being the first. */
  maxDepth: 32,
  /** Every value counted: objects, arrays, and what they hold. */
  maxValues: 100_000,
  maxStringLength: 4_000_000,
  /** All strings and keys together. */
  maxTotalChars: 8_000_000,
  maxKeyLength: 256,
} as const;

export type InputLimits = { readonly [K in keyof typeof INPUT_LIMITS]: number };

const NOT_PLAIN = 'input is not plain JSON data';

/**
 * Why an input cannot be taken, or null. Inputs arrive as JSON or structured clones; anything else
 * (a Proxy, a getter, a class instance, a function) was forged in-process and is refused without
 * running any of its code. Iterative, so no nesting can overflow the stack.
 */
export function inputBoundsProblem(input: unknown, limits: InputLimits = INPUT_LIMITS): string | null {
  const values: unknown[] = [input];
  const depths: number[] = [1];
  let counted = 1;
  let chars = 0;

  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    switch (typeof value) {
      case 'string':
        if (value.length > limits.maxStringLength) return `input has a string longer than ${limits.maxStringLength} characters`;
        chars += value.length;
        if (chars > limits.maxTotalChars) return `input strings exceed ${limits.maxTotalChars} characters in all`;
        continue;
      case 'number':
      case 'boolean':
      case 'undefined':
        continue;
      case 'object':
        if (value === null) continue;
        break;
      default:
        return `${NOT_PLAIN} (it holds a ${typeof value})`;
    }

    if (depth > limits.maxDepth) return `input nested deeper than ${limits.maxDepth} levels`;
    if (types.isProxy(value)) return `${NOT_PLAIN} (it holds a Proxy)`;
    const proto: unknown = Object.getPrototypeOf(value);
    const isArray = Array.isArray(value);
    let keys: string[];
    if (isArray) {
      if (proto !== Array.prototype) return `${NOT_PLAIN} (it holds an array of another kind)`;
      if (counted + value.length > limits.maxValues) return `input has more than ${limits.maxValues} values`;
      keys = [];
      for (let i = 0; i < value.length; i++) keys.push(String(i));
    } else {
      if (proto !== Object.prototype && proto !== null) return `${NOT_PLAIN} (it holds an object that is not a plain object)`;
      keys = Object.keys(value);
      if (counted + keys.length > limits.maxValues) return `input has more than ${limits.maxValues} values`;
    }

    for (const key of keys) {
      if (!isArray) {
        if (key.length > limits.maxKeyLength) return `input has a key longer than ${limits.maxKeyLength} characters`;
        chars += key.length;
        if (chars > limits.maxTotalChars) return `input strings exceed ${limits.maxTotalChars} characters in all`;
      }
      // The descriptor, not value[key]: reading the property would run a getter.
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor && (descriptor.get || descriptor.set)) return `${NOT_PLAIN} (it has a getter or setter at ${JSON.stringify(key.slice(0, 64))})`;
      values.push(descriptor?.value);
      depths.push(depth + 1);
      counted++;
    }
  }
  return null;
}
