/**
 * CPU seconds (user + system, every thread of the process) since `start`. On a shared machine
 * wall time stretches with other work; CPU time mostly does not, so the phases report both.
 */
export const cpuSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};
