/**
 * Float32 rounded up: for tables of upper bounds kept at half the memory of
 * float64 (a deal's surplus bound, the walks' reach).
 */

const float32 = new Float32Array(1);
const float32Bits = new Int32Array(float32.buffer);

/**
 * The least float32 at least `v`: `Math.fround` when it does not round down,
 * else one step up (−Infinity and +Infinity stay).
 *
 * @example
 * float32Above(2.1) // 2.1000001430511475 (Math.fround gives 2.0999999046325684)
 */
export function float32Above(v: number): number {
  float32[0] = v;
  const rounded = float32[0];
  if (rounded >= v) return rounded;
  if (rounded === 0)
    float32Bits[0] = 1; // the least positive float32 (v is a tiny positive)
  else float32Bits[0] += rounded > 0 ? 1 : -1; // one step toward +Infinity
  return float32[0];
}
