// A sync generator takes no options: `nx sync` runs it as is.
export type AgentsMdGeneratorSchema = Record<string, never>;
