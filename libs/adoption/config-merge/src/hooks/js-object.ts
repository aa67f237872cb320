import ts from 'typescript';
import { type JsSource, applyEdits, isRefusal, unwrap, type Refusal, type TextEdit } from '../js-source';

export interface JsProperty {
  key: string;
  node: ts.PropertyAssignment;
  value: ts.Expression;
}

/** A string value as the file writes it, or undefined for anything that is not a plain string. */
export function stringValue(node: ts.Expression): string | undefined {
  const value = unwrap(node);
  return ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value) ? value.text : undefined;
}

/**
 * An object literal a config file exports (lint-staged's tasks, simple-git-hooks' hooks), edited
 * by offsets: new properties go before the closing brace in the layout of the existing ones, and
 * the rest of the file is left as it was.
 */
export class JsObjectLiteral {
  private constructor(
    readonly source: JsSource,
    readonly node: ts.ObjectLiteralExpression,
    /** Shared with nested objects: one file, one list of edits. */
    private readonly edits: TextEdit[] = [],
  ) {}

  /** The object the file exports, or why Paved cannot edit it. */
  static exported(source: JsSource): JsObjectLiteral | Refusal {
    const site = source.exportSite();
    if (isRefusal(site)) return site;
    const value = source.resolve(site.expression);
    if (isRefusal(value)) return value;
    if (!ts.isObjectLiteralExpression(value)) {
      return source.refusal(
        value,
        ts.isArrowFunction(value) || ts.isFunctionExpression(value)
          ? 'the exported config is a function'
          : `the exported config is not an object literal (${ts.SyntaxKind[value.kind]})`,
      );
    }
    return new JsObjectLiteral(source, value);
  }

  /** The properties, or a refusal when one cannot be read without running the file (spreads, computed keys). */
  properties(): JsProperty[] | Refusal {
    const properties: JsProperty[] = [];
    for (const property of this.node.properties) {
      if (!ts.isPropertyAssignment(property)) {
        return this.source.refusal(property, 'the object has a spread, method or shorthand entry Paved cannot read');
      }
      const name = property.name;
      if (!(ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name))) {
        return this.source.refusal(property, 'the object has a computed key');
      }
      properties.push({ key: name.text, node: property, value: property.initializer });
    }
    return properties;
  }

  /** A nested object literal at `key`, edited the same way. */
  child(property: JsProperty): JsObjectLiteral | undefined {
    const value = unwrap(property.value);
    if (!ts.isObjectLiteralExpression(value)) return undefined;
    return new JsObjectLiteral(this.source, value, this.edits);
  }

  literal(value: string): string {
    const q = this.source.quote();
    return `${q}${value.replaceAll('\\', '\\\\').replaceAll(q, `\\${q}`)}${q}`;
  }

  /** Replaces a property's value with `text`. */
  replaceValue(property: JsProperty, text: string): void {
    this.edits.push({ start: property.value.getStart(this.source.sourceFile), end: property.value.getEnd(), text });
  }

  /** Inserts items into an array literal at `index` (its length appends). */
  insertIntoArray(array: ts.ArrayLiteralExpression, index: number, items: readonly string[]): void {
    const file = this.source.sourceFile;
    const elements = array.elements;
    const text = items.join(', ');
    if (elements.length === 0) {
      this.edits.push({ start: array.getEnd() - 1, end: array.getEnd() - 1, text });
    } else if (index >= elements.length) {
      const last = elements[elements.length - 1];
      this.edits.push({ start: last.getEnd(), end: last.getEnd(), text: `, ${text}` });
    } else {
      const before = elements[index].getStart(file);
      this.edits.push({ start: before, end: before, text: `${text}, ` });
    }
  }

  /** Adds `key: valueText` as the last property, laid out like the others. */
  addProperty(key: string, valueText: string): void {
    const file = this.source.sourceFile;
    const text = this.source.text;
    const key_ = /^[A-Za-z_$][\w$]*$/.test(key) ? key : this.literal(key);
    const entry = `${key_}: ${valueText}`;
    const properties = this.node.properties;
    const closing = this.node.getEnd() - 1;
    if (properties.length === 0) {
      const indent = lineIndent(text, this.node.getStart(file));
      this.edits.push({ start: closing, end: closing, text: `\n${indent}  ${entry},\n${indent}` });
      return;
    }
    const last = properties[properties.length - 1];
    const multiline = text.slice(this.node.getStart(file), closing).includes('\n');
    const hasTrailingComma = properties.hasTrailingComma;
    if (!multiline) {
      this.edits.push({ start: last.getEnd(), end: last.getEnd(), text: `, ${entry}` });
      return;
    }
    const indent = lineIndent(text, last.getStart(file));
    const afterLast = hasTrailingComma ? text.indexOf(',', last.getEnd()) + 1 : last.getEnd();
    this.edits.push({
      start: afterLast,
      end: afterLast,
      text: `${hasTrailingComma ? '' : ','}\n${indent}${entry}${hasTrailingComma ? ',' : ''}`,
    });
  }

  changed(): boolean {
    return this.edits.length > 0;
  }

  render(): string {
    return applyEdits(this.source.text, this.edits);
  }
}

/** The whitespace a line starts with, for the line holding `position`. */
function lineIndent(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}
