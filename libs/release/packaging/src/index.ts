export { PackageLayout, type BundleEntry, type CopiedPath } from './layout';
export { deriveDependencies, readInstalledVersion, type DerivedDependencies, type HostPeer } from './dependencies';
export { inspectPackage, type InspectOptions } from './inspect';
export { npmPack, readTarball } from './tarball';
export { packPackage, readJsonFile, type PackageDefinition, type PackedPackage } from './pack';
