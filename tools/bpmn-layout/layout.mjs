// Adds a diagram (BPMN DI) to every model given on the command line, or in ../../processes, that has none.
// Models that already have a diagram are left alone: layout is done once, then modellers own it.
import { layoutProcess } from 'bpmn-auto-layout';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const files = process.argv.length > 2
  ? process.argv.slice(2)
  : readdirSync(resolve('../../processes')).filter((f) => f.endsWith('.bpmn')).map((f) => join('../../processes', f));

for (const file of files) {
  const xml = readFileSync(file, 'utf8');
  if (xml.includes('BPMNDiagram')) {
    console.log(`${file}: has a diagram, left alone`);
    continue;
  }
  writeFileSync(file, await layoutProcess(xml));
  console.log(`${file}: diagram added`);
}
