import { defineRefusals } from '../../schema/refusals';

/** Why the workshop's rules refuse a change: codes, and their texts in each language. */
export const workshopRefusals = defineRefusals({
  'catalog.name_required': { en: 'The name must not be empty', ro: 'Denumirea nu poate fi goală.' },
  'catalog.make_missing': { en: 'The make of this model does not exist', ro: 'Marca acestui model nu există.' },
  'vehicle.plate_required': { en: 'The plate number must not be empty', ro: 'Numărul de înmatriculare nu poate fi gol.' },
  'vehicle.year_future': {
    en: 'The year of manufacture cannot be later than {max}',
    ro: 'Anul de fabricație nu poate fi după {max}.',
  },
  'order.delete_not_draft': { en: 'Only a draft order can be deleted', ro: 'Doar o ciornă se poate șterge.' },
  'order.new_not_draft': { en: 'A new order starts as a draft', ro: 'O comandă nouă începe ca ciornă.' },
  'order.invoiced': { en: 'An invoiced order cannot be changed', ro: 'Comanda facturată nu se mai poate modifica.' },
  'order.status_transition': {
    en: 'An order cannot go from {from} to {to}',
    ro: 'Comanda nu poate trece din starea {from} în starea {to}.',
  },
  'order.invoiced_by_invoice': {
    en: 'An order becomes invoiced only by issuing its invoice',
    ro: 'O comandă devine facturată doar prin emiterea facturii ei.',
  },
  'order.invoice_when_invoiced': {
    en: 'An order names its invoice only when it is invoiced',
    ro: 'O comandă are o factură doar după ce este facturată.',
  },
  'order.not_draft': {
    en: 'A validated order cannot be changed; reopen it first',
    ro: 'Comanda validată nu se mai poate modifica; redeschideți-o întâi.',
  },
  'order.needs_vehicle': {
    en: 'An order needs a vehicle before it is validated',
    ro: 'Comanda are nevoie de un vehicul înainte de validare.',
  },
  'line.order_missing': { en: 'The order of this line does not exist', ro: 'Comanda acestei linii nu mai există.' },
  'line.order_not_draft': {
    en: 'The lines of a validated or invoiced order cannot be changed; reopen it first',
    ro: 'Liniile unei comenzi validate sau facturate nu se mai pot modifica; redeschideți comanda întâi.',
  },
  'line.decision_by_customer': {
    en: 'Only the customer approves or declines a line, through the client portal',
    ro: 'Doar clientul aprobă sau respinge o linie, prin portalul clientului.',
  },
  'line.moved': { en: 'A line cannot move to another order', ro: 'O linie nu se poate muta pe altă comandă.' },
  'line.description_required': { en: 'A line needs a description', ro: 'Fiecare linie are nevoie de o descriere.' },
  'line.labour_amounts': {
    en: 'A labour line needs hours and an hourly rate',
    ro: 'O linie de manoperă are nevoie de ore și de tariful orar.',
  },
  'line.labour_negative': { en: 'Hours and rate cannot be negative', ro: 'Orele și tariful nu pot fi negative.' },
  'line.material_amounts': {
    en: 'A material line needs a quantity and a unit price',
    ro: 'O linie de material are nevoie de cantitate și de prețul unitar.',
  },
  'line.price_negative': { en: 'The unit price cannot be negative', ro: 'Prețul unitar nu poate fi negativ.' },
  'line.total_mismatch': {
    en: 'The line total does not match its quantity and price',
    ro: 'Totalul liniei nu corespunde cantității și prețului.',
  },
});
