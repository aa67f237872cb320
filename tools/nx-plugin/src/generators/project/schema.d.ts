export interface ProjectGeneratorSchema {
  kind: string;
  name: string;
  scope: string;
  type?: string;
  owners?: string | string[];
  description?: string;
  publishable?: boolean;
  skipFormat?: boolean;
}
