import { IAspect, TerraformResource, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * Applies tags to every taggable resource in a scope (any provider resource
 * with a `tags` map). Tags a resource sets itself win over these defaults.
 * Resources whose `tags` is a list of strings (azurerm_api_management_named_value)
 * are not maps and are left alone.
 */
export class TagsAspect implements IAspect {
  constructor(private readonly tags: Readonly<Record<string, string>>) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || !isTaggable(node)) return;
    // A list-typed `tags` attribute reads back as an array (a token list); a map reads back as an object.
    if (Array.isArray((node as { tags: unknown }).tags)) return;
    const current = node.tagsInput;
    if (current !== undefined && Tokenization.isResolvable(current)) return;
    node.tags = { ...this.tags, ...(current ?? {}) };
  }
}

interface Taggable {
  tags: Record<string, string>;
  readonly tagsInput?: Record<string, string>;
}

function isTaggable(node: TerraformResource): node is TerraformResource & Taggable {
  return 'tagsInput' in node && 'tags' in node;
}

/** The tags every stack carries. */
export function standardTags(architecture: string, environment: string, extra: Record<string, string> = {}): Record<string, string> {
  return { architecture, environment, 'managed-by': 'cdktf', ...extra };
}
