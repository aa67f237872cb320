// A sync generator takes no options: `nx sync` runs it as is.
export type CodeownersGeneratorSchema = Record<string, never>;
