// Deep imports of the two `natural` distance functions we use: importing the
// package root loads every module natural ships (≈5 s on this machine).
declare module 'natural/lib/natural/distance/jaro-winkler_distance.js' {
  export default function JaroWinklerDistance(s1: string, s2: string, options?: { ignoreCase?: boolean; dj?: number }): number;
}
declare module 'natural/lib/natural/distance/dice_coefficient.js' {
  export default function DiceCoefficient(s1: string, s2: string): number;
}
