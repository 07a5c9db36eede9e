// scratch: CPU of the old and new RecordEnds on the same ClickHouse-like CSV bytes
import { RecordEnds as NewEnds } from './api/src/export/csv-passthrough.ts';
import { RecordEnds as OldEnds } from '/tmp/h18/old-passthrough.ts';
const rec = Buffer.from('"bluesky","bench-123456","https://bench.rift.invalid/post/123456","user1234","User 1234","","","2024-01-02T03:04:05Z","\'=HYPERLINK(""x"") tiktok formula cell 123456",false,"","en",1234,123,12,"tiktok",true,"","negative",-0.123,0.7,"oppose_ban",0.5,"security|rights","public",0.9,"bench-generator","\r"\n');
const total = Buffer.concat(Array(1_000_000 / 1000).fill(Buffer.concat(Array(1000).fill(rec))));
const chunks: Buffer[] = [];
for (let i = 0; i < total.length; i += 65536) chunks.push(total.subarray(i, i + 65536));
for (let round = 0; round < 4; round++) {
  for (const [name, E] of [['old', OldEnds], ['new', NewEnds]] as const) {
    const t = process.cpuUsage();
    const ends = new E();
    let bytes = 0;
    for (const c of chunks) bytes += ends.push(c).length;
    bytes += ends.end().length;
    const u = process.cpuUsage(t);
    console.log(name, ends.rows, bytes, ((u.user + u.system) / 1000).toFixed(0), 'ms cpu');
  }
}
