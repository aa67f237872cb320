import { type Document } from 'yaml';
import { stringifyJsonLike, type JsonObject } from './json-file';

/** A config file a merge edits as data: it says whether it changed and renders its new text. */
export interface EditedFile {
  readonly path: string;
  changed(): boolean;
  render(): string;
}

/** A JSON config (or a key of package.json) edited as an object and written back in its indentation. */
export abstract class JsonFile implements EditedFile {
  protected dirty = false;

  constructor(
    readonly path: string,
    readonly label: string,
    protected readonly root: JsonObject,
    private readonly original: string | null,
  ) {}

  changed(): boolean {
    return this.dirty;
  }

  render(): string {
    return stringifyJsonLike(this.root, this.original);
  }
}

/** A YAML config edited through its document, so comments and layout stay. */
export abstract class YamlFile implements EditedFile {
  protected dirty = false;

  constructor(
    readonly path: string,
    readonly label: string,
    protected readonly document: Document,
  ) {}

  changed(): boolean {
    return this.dirty;
  }

  render(): string {
    return this.document.toString();
  }
}
