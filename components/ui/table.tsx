import clsx from 'clsx';

type TableProps = React.TableHTMLAttributes<HTMLTableElement> & {
  /** Visible or screen-reader caption naming the table. */
  caption?: React.ReactNode;
  captionHidden?: boolean;
};

/** A data table that scrolls sideways inside its container instead of widening the page on a phone. */
export function Table({ caption, captionHidden = true, className, children, ...props }: TableProps) {
  return (
    <div className="overflow-x-auto">
      <table className={clsx('w-full border-collapse text-left text-sm', className)} {...props}>
        {caption ? (
          <caption className={clsx(captionHidden ? 'sr-only' : 'px-4 py-2 text-left text-sm text-slate-600')}>
            {caption}
          </caption>
        ) : null}
        {children}
      </table>
    </div>
  );
}

export function THead({ className, ...props }: React.HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={clsx('border-b border-slate-200 bg-slate-50', className)} {...props} />;
}

export function TBody({ className, ...props }: React.HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={clsx('divide-y divide-slate-200', className)} {...props} />;
}

export function Tr({ className, ...props }: React.HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={clsx('align-top', className)} {...props} />;
}

// The cells' styles are the cell-* classes in app/globals.css.

/** Column header. */
export function Th({ className, scope = 'col', ...props }: React.ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope={scope} className={clsx('cell-th', className)} {...props} />;
}

/** The cell that names its row (usually the first), read by screen readers as the row's header. */
export function RowHeader({ className, ...props }: React.ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="row" className={clsx('cell-rh', className)} {...props} />;
}

export function Td({ className, ...props }: React.TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={clsx('cell-td', className)} {...props} />;
}
