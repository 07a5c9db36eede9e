import { VECTOR_LENGTH, type AuthorMoments } from '@rift/queries';

/** Moments built in memory from each author's vector; the SQL computes the same sums (tests compare). */
export function momentsOf(authors: ReadonlyArray<{ v: readonly number[]; m: number }>): AuthorMoments {
  const n = VECTOR_LENGTH;
  const out: AuthorMoments = {
    k: 0, posts: 0, sv: new Array(n).fill(0), svv: new Array(n * n).fill(0), svm: new Array(n).fill(0), smm: 0,
    ss: new Array(n).fill(0), sss: new Array(n * n).fill(0),
  };
  for (const { v, m } of authors) {
    if (m === 0) continue;
    out.k++;
    out.posts += m;
    out.smm += m * m;
    for (let i = 0; i < n; i++) {
      out.sv[i]! += v[i]!;
      out.svm[i]! += v[i]! * m;
      out.ss[i]! += v[i]! / m;
      for (let j = 0; j < n; j++) {
        out.svv[i * n + j]! += v[i]! * v[j]!;
        out.sss[i * n + j]! += (v[i]! / m) * (v[j]! / m);
      }
    }
  }
  return out;
}
