import { ApiManagementNamedValue } from '@cdktf/provider-azurerm/lib/api-management-named-value';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Aspects, TerraformStack, Testing } from 'cdktf';
import { TagsAspect } from '../../lib/core/tags';

describe('TagsAspect', () => {
  const synth = (build: (stack: TerraformStack) => void) => {
    const stack = new TerraformStack(Testing.app(), 'tags');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    build(stack);
    Aspects.of(stack).add(new TagsAspect({ environment: 'dev', 'managed-by': 'cdktf' }));
    return JSON.parse(Testing.synth(stack)).resource;
  };

  test('adds the defaults to a map of tags; tags the resource sets win', () => {
    const r = synth((s) => new ResourceGroup(s, 'Rg', { name: 'rg', location: 'westeurope', tags: { environment: 'override' } }));
    expect(r.azurerm_resource_group.Rg.tags).toEqual({ environment: 'override', 'managed-by': 'cdktf' });
  });

  test('leaves list-typed tags alone (an API Management named value takes a list of strings)', () => {
    const r = synth((s) => {
      new ApiManagementNamedValue(s, 'Untagged', { name: 'a', displayName: 'a', apiManagementName: 'apim', resourceGroupName: 'rg', value: 'x' });
      new ApiManagementNamedValue(s, 'Tagged', { name: 'b', displayName: 'b', apiManagementName: 'apim', resourceGroupName: 'rg', value: 'y', tags: ['team-a'] });
    });
    expect(r.azurerm_api_management_named_value.Untagged.tags).toBeUndefined();
    expect(r.azurerm_api_management_named_value.Tagged.tags).toEqual(['team-a']);
  });
});
