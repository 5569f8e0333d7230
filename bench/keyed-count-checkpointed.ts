// The keyed-count benchmark with a checkpoint every second, printing the ratio to the
// same job without checkpoints measured in the same process.
process.argv.push('--checkpoint-ms', '1000');
await import('./keyed-count.js');
