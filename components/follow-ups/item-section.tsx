'use client';

// "The news item": its address first, then either the item already logged under it (cited as it is) or the
// fields of a new one.
import type { ExistingItem } from './evidence-lookup';
import { ExistingItemNotice } from './existing-item-notice';
import type { ItemField, ItemState } from './field-specs';
import { InputField, type Bound } from './fields';
import { NewItemFields } from './new-item-fields';
import type { OutletPicker } from './outlet-fields';

export function ItemSection({
  heading: Heading,
  fid,
  bind,
  item,
  outlet,
  reliability,
  outletDefault,
  checking,
  existing,
  onCheckUrl,
}: {
  heading: 'h2' | 'h3';
  fid: (name: string) => string;
  bind: (field: ItemField) => Bound;
  item: ItemState;
  outlet: OutletPicker;
  reliability: string;
  outletDefault: string;
  /** Whether the address is being looked up. */
  checking: boolean;
  /** The item already logged under the address, which the updates will cite. */
  existing: ExistingItem | null;
  /** Looks the address up. */
  onCheckUrl: (url: string) => void;
}) {
  return (
    <section aria-labelledby={fid('item-heading')} className="space-y-5">
      <div>
        <Heading id={fid('item-heading')} className="text-base font-semibold text-slate-900">
          The news item
        </Heading>
        <p className="mt-1 text-sm text-slate-600">
          Paste its address first: if it is already logged, your updates will cite that item.
        </p>
      </div>

      <InputField
        {...bind('url')}
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        placeholder="https://"
        hint={
          checking
            ? 'Checking whether this address is already logged…'
            : 'The address of the article or document. Tracking parameters and a trailing slash are ignored.'
        }
        onBlur={(event) => onCheckUrl(event.currentTarget.value)}
        onPaste={(event) => {
          // A pasted address is usually complete: check it at once rather than on leaving the field.
          const input = event.currentTarget;
          setTimeout(() => onCheckUrl(input.value), 0);
        }}
      />

      {existing ? (
        <>
          <input type="hidden" name="existingEvidenceId" value={existing.id} />
          <ExistingItemNotice item={existing} id={fid('existing')} />
        </>
      ) : (
        <NewItemFields
          bind={bind}
          item={item}
          outlet={outlet}
          reliability={reliability}
          outletDefault={outletDefault}
        />
      )}
    </section>
  );
}
